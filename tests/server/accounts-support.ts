// Helpers for the accounts endpoints: any-method JSON calls, captcha + password login, SMS codes
// read from the demo outbox, and a started demo service with a fixed captcha answer.
import { expect } from 'vitest';
import {
  captchaResponseSchema,
  passwordLoginResponseSchema,
  smsOutboxSchema,
  type PasswordLoginResponse,
  type SmsPurpose,
} from '../../domain/protocol/accounts';
import { createTestPki, type TestPki } from '../pki/pki';
import { startServer, type HttpResult, type RunningServer } from './support';

export const TEST_CAPTCHA = '2468';
export const REVIEW_TOKEN = 'review-token-for-accounts-tests';

export async function startAccountsServer(pki?: TestPki): Promise<RunningServer> {
  return startServer({
    pki: pki ?? (await createTestPki()),
    server: { testCaptcha: TEST_CAPTCHA, reviewToken: REVIEW_TOKEN },
  });
}

export async function call(
  url: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  bearer?: string,
): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    // keep the text for the failure message
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export interface WireError {
  code: string;
  message: string;
  action: string;
  params?: Record<string, string | number>;
}
export const errorOf = (res: HttpResult): WireError => res.body as WireError;

/** Asserts a 4xx answer with this code and returns its body. */
export function expectError(res: HttpResult, status: number, code: string): WireError {
  expect({ status: res.status, code: errorOf(res).code }).toEqual({ status, code });
  expect(errorOf(res).message.length).toBeGreaterThan(0);
  return errorOf(res);
}

export async function captchaId(url: string): Promise<string> {
  const res = await call(url, 'GET', '/v1/auth/captcha');
  expect(res.status).toBe(200);
  return captchaResponseSchema.parse(res.body).captchaId;
}

export async function passwordLogin(
  url: string,
  account: string,
  password: string,
  captcha = TEST_CAPTCHA,
): Promise<HttpResult> {
  return call(url, 'POST', '/v1/auth/password-login', {
    account,
    password,
    captchaId: await captchaId(url),
    captcha,
  });
}

export async function passwordSession(
  url: string,
  account: string,
  password: string,
): Promise<PasswordLoginResponse> {
  const res = await passwordLogin(url, account, password);
  if (res.status !== 200)
    throw new Error(`password login: ${res.status} ${JSON.stringify(res.body)}`);
  return passwordLoginResponseSchema.parse(res.body);
}

/** Asks for a code and reads it from the demo outbox, as a phone would receive it. */
export async function smsCode(url: string, mobile: string, purpose: SmsPurpose): Promise<string> {
  const sent = await call(url, 'POST', '/v1/sms/code', { purpose, mobile });
  if (sent.status !== 201) throw new Error(`sms: ${sent.status} ${JSON.stringify(sent.body)}`);
  const outbox = smsOutboxSchema.parse(
    (await call(url, 'GET', `/v1/dev/sms-outbox?mobile=${mobile}`)).body,
  );
  const latest = outbox.messages.find((m) => m.purpose === purpose);
  if (!latest) throw new Error('no SMS in the outbox');
  return latest.code;
}

export function reviewerCall(url: string, path: string, body: unknown): Promise<HttpResult> {
  return call(url, 'POST', path, body, REVIEW_TOKEN);
}
