// Test-side helpers for signed sync: ULIDs, valid declaration rows, a batch built and signed the
// way a client does it (canonical hash, declare text, token-style signature), and the HTTP calls.
import { randomBytes } from 'node:crypto';
import { residentIdCheckDigit } from '../../domain/ids';
import { allKinds } from '../../domain/insurance/kinds';
import type { AdditionRow } from '../../domain/declarations/addition';
import type { ReductionRow } from '../../domain/declarations/reduction';
import { declareSignedText } from '../../domain/protocol/auth';
import {
  changesResponseSchema,
  pushResponseSchema,
  type ChangesResponse,
  type Mutation,
  type PushRequest,
  type PushResponse,
} from '../../domain/protocol/sync';
import { localTime } from '../../server/sync/service-time';
import { batchHash } from '../../electron/services/sync/push';
import type { SoftwareIssuedCertificate } from '../pki/pki';
import { get, post, signText, type HttpResult, type SoftwareKey } from './support';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastTime = 0;
let counter = 0;

/** A ULID: 48-bit time, then 80 bits of which the last ones count up, so ids sort by creation. */
export function ulid(now = Date.now()): string {
  if (now === lastTime) counter++;
  else {
    lastTime = now;
    counter = 0;
  }
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(10);
  let rand = '';
  for (let i = 0; i < 10; i++) rand += CROCKFORD[random[i]! % 32]!;
  let tail = '';
  let c = counter;
  for (let i = 0; i < 6; i++) {
    tail = CROCKFORD[c % 32]! + tail;
    c = Math.floor(c / 32);
  }
  return time + rand + tail;
}

/** A valid 18-digit resident ID: region + birth date + 3-digit sequence + check digit. */
export function residentId(region: string, birth: string, seq: number): string {
  const first17 = region + birth.replace(/-/g, '') + String(seq).padStart(3, '0');
  return first17 + residentIdCheckDigit(first17);
}

/** The service's current month (Beijing time): declarations are checked against it. */
export function serviceMonth(now = new Date()): string {
  return localTime(now).month;
}

/** A 增员 row that passes every check for `month`; `n` makes the person unique (n < 10,000). */
export function additionRow(
  n: number,
  month: string,
  over: Partial<AdditionRow> = {},
): AdditionRow {
  const birthYear = 1980 + (n % 20);
  return {
    reason: 'newEnrolment',
    name: `测试${n}`,
    documentType: 'residentId',
    // Ten districts of 南京 × 1,000 sequence numbers: unique for n < 10,000.
    documentNumber: residentId(
      `3201${String(2 + (Math.floor(n / 1000) % 10)).padStart(2, '0')}`,
      `${birthYear}-05-17`,
      n % 1000,
    ),
    gender: null,
    birthDate: '',
    householdType: 'localUrban',
    employmentType: 'contract',
    insuredFrom: `${month}-01`,
    wageFen: 800_000,
    kinds: { ...allKinds },
    mobile: '',
    ...over,
  };
}

export function reductionRow(
  name: string,
  documentNumber: string,
  month: string,
  over: Partial<ReductionRow> = {},
): ReductionRow {
  return {
    reason: 'resignation',
    name,
    documentType: 'residentId',
    documentNumber,
    stopKinds: { ...allKinds },
    lastPaidMonth: month,
    ...over,
  };
}

export function submitMutation(
  type: 'addition' | 'reduction' | 'base' | 'monthly',
  month: string,
  rows: unknown[],
  declarationId = ulid(),
): Mutation {
  return { id: ulid(), kind: 'declaration.submit', payload: { declarationId, type, month, rows } };
}

// The client's own batch hash: a signed batch here is hashed exactly as the app hashes it.
export { batchHash };

export interface BatchOptions {
  origin: string;
  unitNo: string;
  clientId: string;
  mutations: Mutation[];
  /** Whose key signs (default the certificate's own). */
  signer?: SoftwareKey;
  certificate: SoftwareIssuedCertificate;
  /** Sign this text instead of the declare text (wrong-purpose tests). */
  signedText?: string;
  /** Send this hash instead of the right one. */
  batchHash?: string;
}

/** Hashes, signs and assembles a push body exactly as a client must. */
export async function signedBatch(o: BatchOptions): Promise<PushRequest> {
  const hash = o.batchHash ?? batchHash(o.clientId, o.unitNo, o.mutations);
  const text = o.signedText ?? declareSignedText(o.origin, o.unitNo, hash);
  const signature = await signText(o.signer ?? o.certificate, text);
  return {
    clientId: o.clientId,
    mutations: o.mutations,
    batchHash: hash,
    signature: signature.toString('base64'),
    certificate: o.certificate.der.toString('base64'),
  };
}

/** A signed batch of one 增员 declaration with valid row `n` of this month, signed by `certificate`. */
export function oneAdditionBatch(
  origin: string,
  unitNo: string,
  certificate: SoftwareIssuedCertificate,
  n = 1,
): Promise<PushRequest> {
  const month = serviceMonth();
  return signedBatch({
    origin,
    unitNo,
    clientId: ulid(),
    mutations: [submitMutation('addition', month, [additionRow(n, month)])],
    certificate,
  });
}

export function pushRaw(
  url: string,
  session: string,
  unitNo: string,
  body: unknown,
): Promise<HttpResult> {
  return post(url, `/v1/units/${unitNo}/mutations`, body, { session });
}

export async function pushOk(
  url: string,
  session: string,
  unitNo: string,
  body: PushRequest,
): Promise<PushResponse> {
  const res = await pushRaw(url, session, unitNo, body);
  if (res.status !== 200) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
  return pushResponseSchema.parse(res.body);
}

export async function pull(
  url: string,
  session: string,
  unitNo: string,
  cursor?: string,
  limit?: number,
): Promise<ChangesResponse> {
  const q = new URLSearchParams();
  if (cursor !== undefined) q.set('cursor', cursor);
  if (limit !== undefined) q.set('limit', String(limit));
  const res = await get(url, `/v1/units/${unitNo}/changes?${q.toString()}`, session);
  if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${JSON.stringify(res.body)}`);
  return changesResponseSchema.parse(res.body);
}

/** Every change after `cursor`, following hasMore (bounded). */
export async function pullAll(
  url: string,
  session: string,
  unitNo: string,
  cursor?: string,
  limit = 1000,
): Promise<ChangesResponse> {
  const all: ChangesResponse['changes'] = [];
  let next = cursor;
  for (let page = 0; page < 1000; page++) {
    const res = await pull(url, session, unitNo, next, limit);
    all.push(...res.changes);
    next = res.nextCursor;
    if (!res.hasMore) return { changes: all, nextCursor: res.nextCursor, hasMore: false };
  }
  throw new Error('pullAll: more than 1000 pages');
}

export function reviewer(url: string, token: string) {
  const call = (path: string, body: unknown) =>
    fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
  return {
    decide: (id: string, decision: 'reviewing' | 'approve' | 'return', reason?: string) =>
      call(`/v1/review/declarations/${id}`, reason ? { decision, reason } : { decision }),
    counter: (unitNo: string, body: unknown) => call(`/v1/review/units/${unitNo}/roster`, body),
    maintenance: (on: boolean, retryAfterSeconds?: number) =>
      call('/v1/review/maintenance', retryAfterSeconds ? { on, retryAfterSeconds } : { on }),
  };
}
