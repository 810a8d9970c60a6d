// The app's accounts services through the contract, against the real reference service in
// this process: a password session has no certificate and cannot submit (drafts stay), the
// service's tries-left reach the person's message, a forced password change, and the 办事指南
// readable from the local copy when the service is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppServices } from '../../electron/services/app-services';
import type { AppServices } from '../../electron/services/app-services-types';
import type { CallResult } from '../../electron/contract/api';
import { sessionViewSchema } from '../../electron/contract/views';
import { guidesViewSchema } from '../../electron/contract/views-accounts';
import { demoPersons } from '../../server/demo/demo-data';
import { demoUnitAccount } from '../../server/demo/demo-accounts';
import { smsCode, startAccountsServer, TEST_CAPTCHA } from '../server/accounts-support';
import type { RunningServer } from '../server/support';

let server: RunningServer;
let services: AppServices;
const ctx = { transport: 'ipc' as const };

const call = (method: string, input: unknown): Promise<CallResult> =>
  services.call(method, input, ctx);

async function value<T>(method: string, input: unknown): Promise<T> {
  const result = await call(method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function login(account: string, password: string): Promise<CallResult> {
  const captcha = await value<{ captchaId: string }>('accounts.captcha', {});
  return call('accounts.passwordLogin', {
    account,
    password,
    captchaId: captcha.captchaId,
    captcha: TEST_CAPTCHA,
  });
}

beforeAll(async () => {
  server = await startAccountsServer();
  services = await createAppServices({
    serverUrl: server.url,
    dataDir: mkdtempSync(join(tmpdir(), 'shebao-accounts-app-')),
    resourcesDir: resolve('resources'),
    extraModules: [],
    scanRegistry: false,
    demoSoftCert: null,
    mode: 'browser',
    testMode: true,
    version: 'test',
  });
}, 60_000);

afterAll(async () => {
  await services?.dispose();
  await server?.close();
});

describe('accounts in the app', () => {
  it('a wrong password says how many tries are left, in the catalogue text', async () => {
    const result = await login(demoUnitAccount.account, 'Wrong2024x');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CREDENTIALS_INVALID');
    expect(result.error.message).toBe('用户名或密码错误!');
    expect(result.error.action).toContain('还可以再试4次');
  });

  it('a password session has no certificate; its drafts are kept but 提交申报 needs the U盾', async () => {
    const result = await login(demoUnitAccount.account, demoUnitAccount.password);
    expect(result.ok).toBe(true);
    const session = sessionViewSchema.parse(result.ok ? result.value : null);
    expect(session.method).toBe('password');
    expect(session.certificate).toBeNull();
    await value('auth.chooseUnit', { unitNo: session.units[0]!.unitNo });
    const created = await value<{ id: string }>('workspace.create', {
      unitNo: session.units[0]!.unitNo,
      kind: 'addition',
      month: '2026-12',
    });
    const submit = await call('workspace.submit', { declarationId: created.id });
    expect(submit.ok).toBe(false);
    if (!submit.ok) expect(submit.error.code).toBe('TOKEN_SIGNATURE_REQUIRED');
    const list = await value<{ declarations: { id: string; state: string }[] }>('workspace.list', {
      unitNo: session.units[0]!.unitNo,
    });
    expect(list.declarations.find((d) => d.id === created.id)?.state).toBe('draft');
  });

  it('a reset account logs in with mustChangePassword and carries on after changing it', async () => {
    const code = await smsCode(server.url, demoUnitAccount.agentMobile, 'reset');
    await value('accounts.resetPassword', {
      account: demoUnitAccount.account,
      residentId: demoPersons.agent.residentId,
      mobile: demoUnitAccount.agentMobile,
      smsCode: code,
      newPassword: 'Reset2024abc',
    });
    const result = await login(demoUnitAccount.account, 'Reset2024abc');
    const session = sessionViewSchema.parse(result.ok ? result.value : null);
    expect(session.mustChangePassword).toBe(true);
    const changed = sessionViewSchema.parse(
      await value('accounts.changePassword', {
        oldPassword: 'Reset2024abc',
        newPassword: demoUnitAccount.password,
      }),
    );
    expect(changed.mustChangePassword).toBe(false);
    await value('auth.logout', {});
  });

  it('办事指南 come from the service, then from the local copy when it cannot be reached', async () => {
    const online = guidesViewSchema.parse(await value('accounts.guides', {}));
    expect(online.offline).toBe(false);
    expect(online.guides.length).toBe(4);
    await server.close();
    const offline = guidesViewSchema.parse(await value('accounts.guides', {}));
    expect(offline.offline).toBe(true);
    expect(offline.version).toBe(online.version);
    expect(offline.guides).toEqual(online.guides);
  });
});
