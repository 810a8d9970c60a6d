import { z } from 'zod';

/** Purpose strings keep a login signature from ever passing as a declaration signature. */
export const LOGIN_PURPOSE = 'shebao-desk/login/v1';
export const DECLARE_PURPOSE = 'shebao-desk/declare/v1';

const isoDate = z.iso.datetime({ offset: true });
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'base64url');

export const challengeResponseSchema = z.object({
  nonce: base64url.length(43),
  origin: z.string().min(1).max(200),
  serverTime: isoDate,
  expiresAt: isoDate,
});
export type ChallengeResponse = z.infer<typeof challengeResponseSchema>;

export const certLoginRequestSchema = z.object({
  nonce: z.string().min(1).max(200),
  certificate: base64.min(1).max(20_000),
  signature: base64.min(1).max(2_000),
});
export type CertLoginRequest = z.infer<typeof certLoginRequestSchema>;

export const unitRoleSchema = z.enum(['legal', 'agent']);
export type UnitRole = z.infer<typeof unitRoleSchema>;

export const unitAccessSchema = z.object({
  unitNo: z.string().min(1).max(32),
  name: z.string().min(1).max(200),
  uscc: z.string().length(18),
  role: unitRoleSchema,
});
export type UnitAccess = z.infer<typeof unitAccessSchema>;

export const personSchema = z.object({
  name: z.string().min(1).max(100),
  idMasked: z.string().min(1).max(40),
});
export type Person = z.infer<typeof personSchema>;

export const certLoginResponseSchema = z.object({
  session: z.string().min(16).max(200),
  expiresAt: isoDate,
  person: personSchema,
  units: z.array(unitAccessSchema),
});
export type CertLoginResponse = z.infer<typeof certLoginResponseSchema>;

export const meResponseSchema = z.object({
  person: personSchema,
  units: z.array(unitAccessSchema),
  expiresAt: isoDate,
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const wireErrorSchema = z.object({
  code: z.string().min(1).max(64),
  message: z.string().max(2000),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/**
 * The exact bytes (as a string, UTF-8 encoded by the caller) that a login signature covers.
 * The certificate is bound by its SHA-256 so a signature cannot be replayed with another one.
 */
export function loginSignedText(origin: string, nonce: string, certSha256Hex: string): string {
  return `${LOGIN_PURPOSE}\n${origin}\n${nonce}\n${certSha256Hex.toLowerCase()}`;
}

export function declareSignedText(origin: string, unitNo: string, batchHash: string): string {
  return `${DECLARE_PURPOSE}\n${origin}\n${unitNo}\n${batchHash.toLowerCase()}`;
}
