// What the renderer is shown: plain data, checked on both sides of the boundary.
import { z } from 'zod';
import { errorInfoSchema } from '../../domain/errors';
import { loginMethodSchema } from '../../domain/protocol/accounts';
import { personSchema, unitAccessSchema } from '../../domain/protocol/auth';

const iso = z.iso.datetime({ offset: true });

export const certificateTimeStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('valid'), daysLeft: z.number().int() }),
  z.object({ kind: z.literal('expiring'), daysLeft: z.number().int() }),
  z.object({ kind: z.literal('expired'), since: iso }),
  z.object({ kind: z.literal('not-yet-valid'), from: iso }),
]);

export const certificateViewSchema = z.object({
  id: z.string().min(1).max(300),
  tokenId: z.string().min(1).max(300),
  kind: z.enum(['person', 'unit']),
  holderName: z.string().max(200),
  personIdMasked: z.string().max(40).optional(),
  unitName: z.string().max(200).optional(),
  uscc: z.string().max(40).optional(),
  issuer: z.string().max(300),
  notBefore: iso,
  notAfter: iso,
  keyAlgorithm: z.string().max(40),
  /** What the picker shows as 算法. */
  algorithm: z.enum(['SM2', 'RSA', 'ECC']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  status: certificateTimeStatusSchema,
});
export type CertificateView = z.infer<typeof certificateViewSchema>;

export const pinStateSchema = z.object({
  countLow: z.boolean(),
  finalTry: z.boolean(),
  locked: z.boolean(),
  /** The token has its own PIN pad (CKF_PROTECTED_AUTHENTICATION_PATH). */
  pinPad: z.boolean(),
  minLength: z.number().int().nonnegative(),
  maxLength: z.number().int().nonnegative(),
});
export type PinState = z.infer<typeof pinStateSchema>;

export const tokenViewSchema = z.object({
  id: z.string().min(1).max(300),
  label: z.string().max(64),
  serial: z.string().max(64),
  vendor: z.string().max(100),
  product: z.string().max(100),
  moduleFile: z.string().max(500),
  /** What the picker shows as 接口: how the app reaches the token. */
  api: z.enum(['pkcs11', 'skf', 'soft']),
  isDemo: z.boolean(),
  pin: pinStateSchema,
  certificates: z.array(certificateViewSchema),
});
export type TokenView = z.infer<typeof tokenViewSchema>;

export const tokenSnapshotSchema = z.object({
  tokens: z.array(tokenViewSchema),
  /** Modules that failed to load, each naming its file. */
  moduleErrors: z.array(errorInfoSchema),
  clock: z.object({ skewed: z.boolean(), offsetMinutes: z.number().int() }),
});
export type TokenSnapshot = z.infer<typeof tokenSnapshotSchema>;

export const sessionViewSchema = z.object({
  person: personSchema,
  units: z.array(unitAccessSchema),
  currentUnit: unitAccessSchema.nullable(),
  /** How the session was opened: only a U盾 (cert) session can sign declarations. */
  method: loginMethodSchema,
  /** A new or reset password account must set a new password before anything else. */
  mustChangePassword: z.boolean(),
  /** Null for password and 电子社保卡 sessions: they hold no token to sign with. */
  certificate: z
    .object({
      id: z.string(),
      tokenId: z.string(),
      holderName: z.string(),
      sha256: z.string(),
      notAfter: iso,
      status: certificateTimeStatusSchema,
    })
    .nullable(),
  /** Set while the session's token is pulled out: the screen stays, nothing can be signed. */
  lock: z.object({ reason: z.literal('token-removed'), since: iso }).nullable(),
  expiresAt: iso,
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const loginStageSchema = z.enum(['challenge', 'signing', 'verifying', 'done', 'failed']);
export type LoginStage = z.infer<typeof loginStageSchema>;

export const appInfoSchema = z.object({
  mode: z.enum(['electron', 'browser']),
  version: z.string(),
  serverOrigin: z.string(),
  testMode: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
