// The wire protocol of accounts: captcha and password login, password rules, SMS codes,
// registration, forgotten passwords, 电子社保卡 QR login, the 法人's agents and grants, and the
// business guides. The service and the client parse with these same schemas.
import { z } from 'zod';
import { certLoginResponseSchema } from './auth';

const isoDate = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().max(max);

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 20;
export const MAX_LOGIN_FAILURES = 5;
export const LOCK_MS = 2 * 60 * 60 * 1000;
export const CAPTCHA_TTL_MS = 2 * 60 * 1000;
export const SMS_TTL_MS = 5 * 60 * 1000;
export const SMS_RESEND_MS = 60 * 1000;
export const SMS_MAX_TRIES = 5;
export const QR_TTL_MS = 2 * 60 * 1000;
export const QR_LONG_POLL_MAX_S = 25;

export type PasswordProblem = 'PASSWORD_RULES' | 'PASSWORD_SAME_AS_ACCOUNT';

/** 8–20 characters with letters and digits, and not the account itself. */
export function passwordProblem(password: string, account: string): PasswordProblem | null {
  if (
    password.length < PASSWORD_MIN ||
    password.length > PASSWORD_MAX ||
    !/[A-Za-z]/.test(password) ||
    !/\d/.test(password) ||
    /\s/.test(password)
  ) {
    return 'PASSWORD_RULES';
  }
  if (account !== '' && password.toUpperCase() === account.toUpperCase()) {
    return 'PASSWORD_SAME_AS_ACCOUNT';
  }
  return null;
}

/** 11-digit mainland mobile numbers. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const mobileSchema = z.string().regex(MOBILE_PATTERN);
export const smsCodeSchema = z.string().regex(/^\d{6}$/);

export const captchaResponseSchema = z.object({
  captchaId: z.string().min(16).max(64),
  image: z.string().startsWith('data:image/').max(200_000),
  expiresAt: isoDate,
});
export type CaptchaResponse = z.infer<typeof captchaResponseSchema>;

// Empty strings are allowed through the schema so that the service answers ACCOUNT_EMPTY /
// PASSWORD_EMPTY with the portal's words rather than a generic BAD_REQUEST.
export const passwordLoginRequestSchema = z.object({
  account: text(40),
  password: text(100),
  captchaId: text(64),
  captcha: text(16),
});
export type PasswordLoginRequest = z.infer<typeof passwordLoginRequestSchema>;

/** How a session was opened; only a certificate (U盾) session can sign declarations. */
export const loginMethodSchema = z.enum(['cert', 'password', 'qr']);
export type LoginMethod = z.infer<typeof loginMethodSchema>;

export const passwordLoginResponseSchema = certLoginResponseSchema.extend({
  mustChangePassword: z.boolean(),
  method: loginMethodSchema,
  /** The resident ID or USCC the session belongs to (the client keys its local data by it). */
  account: z.string().min(1).max(40),
});
export type PasswordLoginResponse = z.infer<typeof passwordLoginResponseSchema>;

export const changePasswordRequestSchema = z.object({
  oldPassword: text(100),
  newPassword: text(100),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const smsPurposeSchema = z.enum(['register', 'reset']);
export type SmsPurpose = z.infer<typeof smsPurposeSchema>;

export const smsCodeRequestSchema = z.object({ purpose: smsPurposeSchema, mobile: text(20) });
export const smsCodeResponseSchema = z.object({
  expiresAt: isoDate,
  resendAt: isoDate,
});
export type SmsCodeResponse = z.infer<typeof smsCodeResponseSchema>;

export const smsOutboxSchema = z.object({
  messages: z.array(
    z.object({ mobile: z.string(), purpose: smsPurposeSchema, code: z.string(), sentAt: isoDate }),
  ),
});

export const registerPersonRequestSchema = z.object({
  name: text(50),
  residentId: text(30),
  mobile: text(20),
  smsCode: text(10),
  password: text(100),
});
export type RegisterPersonRequest = z.infer<typeof registerPersonRequestSchema>;

export const registerPersonResponseSchema = z.object({ account: z.string() });

export const unitAgentInputSchema = z.object({
  name: text(50),
  residentId: text(30),
  mobile: text(20),
});

export const registerUnitRequestSchema = z.object({
  uscc: text(30),
  unitName: text(200),
  legalName: text(50),
  legalResidentId: text(30),
  agent: unitAgentInputSchema,
  smsCode: text(10),
  password: text(100),
});
export type RegisterUnitRequest = z.infer<typeof registerUnitRequestSchema>;

export const applicationStateSchema = z.enum(['reviewing', 'approved', 'returned']);
export type ApplicationState = z.infer<typeof applicationStateSchema>;

export const applicationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const unitApplicationSchema = z.object({
  applicationId: applicationIdSchema,
  state: applicationStateSchema,
  reason: z.string().max(500).optional(),
  unitName: z.string().optional(),
  uscc: z.string().optional(),
});
export type UnitApplication = z.infer<typeof unitApplicationSchema>;

export const reviewApplicationRequestSchema = z.object({
  decision: z.enum(['approve', 'return']),
  reason: z.string().trim().min(1).max(500).optional(),
});

export const resetPasswordRequestSchema = z.object({
  account: text(40),
  residentId: text(30),
  mobile: text(20),
  smsCode: text(10),
  newPassword: text(100),
});
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

export const qrIdentitySchema = z.enum(['legal', 'agent']);
export type QrIdentity = z.infer<typeof qrIdentitySchema>;

export const qrIdSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/);

export const qrCreateRequestSchema = z.object({ identity: qrIdentitySchema });
export const qrCreateResponseSchema = z.object({
  qrId: qrIdSchema,
  qrText: z.url(),
  expiresAt: isoDate,
});
export type QrCreateResponse = z.infer<typeof qrCreateResponseSchema>;

export const qrStateSchema = z.enum(['waiting', 'scanned', 'confirmed', 'expired', 'refused']);
export type QrState = z.infer<typeof qrStateSchema>;

export const qrPollResponseSchema = z.object({
  state: qrStateSchema,
  session: passwordLoginResponseSchema.optional(),
  code: z.string().max(64).optional(),
  message: z.string().max(2000).optional(),
});
export type QrPollResponse = z.infer<typeof qrPollResponseSchema>;

export const esscScanRequestSchema = z.object({
  qrId: z.string().max(64),
  residentId: text(30),
  decision: z.enum(['scan', 'confirm', 'refuse']),
});
export const esscScanResponseSchema = z.object({ state: qrStateSchema });

export const agentInputSchema = z.object({
  residentId: text(30),
  name: text(50),
  mobile: text(20),
});
export type AgentInput = z.infer<typeof agentInputSchema>;
export const agentUpdateSchema = agentInputSchema.omit({ residentId: true });

export const enterpriseUnitSchema = z.object({
  unitNo: z.string(),
  name: z.string(),
});
export type EnterpriseUnit = z.infer<typeof enterpriseUnitSchema>;

export const agentSchema = z.object({
  residentId: z.string(),
  name: z.string(),
  mobile: z.string(),
  grantedUnitNos: z.array(z.string()),
});
export type Agent = z.infer<typeof agentSchema>;

export const agentsResponseSchema = z.object({
  uscc: z.string(),
  enterpriseName: z.string(),
  units: z.array(enterpriseUnitSchema),
  agents: z.array(agentSchema),
});
export type AgentsResponse = z.infer<typeof agentsResponseSchema>;

export const grantsRequestSchema = z.object({ unitNos: z.array(z.string().max(32)).max(100) });

export const counterGrantRequestSchema = z.object({
  uscc: text(30),
  legalResidentId: text(30),
  agent: agentInputSchema,
  unitNos: z.array(z.string().max(32)).min(1).max(100),
  attachment: z.object({
    fileName: text(200),
    mimeType: z.enum(['image/jpeg', 'image/png']),
    dataBase64: z.string().max(3_000_000),
  }),
});
export type CounterGrantRequest = z.infer<typeof counterGrantRequestSchema>;

export const businessKindSchema = z.enum(['addition', 'reduction', 'base', 'monthly']);

export const guideSchema = z.object({
  business: businessKindSchema,
  title: z.string().max(100),
  agency: z.string().max(500),
  legalBasis: z.array(z.string().max(500)).max(20),
  conditions: z.array(z.string().max(500)).max(20),
  process: z.array(z.string().max(500)).max(20),
  materials: z.array(z.string().max(500)).max(20),
  contact: z.string().max(500),
  hours: z.string().max(500),
});
export type Guide = z.infer<typeof guideSchema>;

export const guidesResponseSchema = z.object({
  version: z.string().min(1).max(64),
  guides: z.array(guideSchema).max(50),
});
export type GuidesResponse = z.infer<typeof guidesResponseSchema>;

/** Error bodies of accounts carry their parameters (tries left, unlock time, seconds). */
export const errorParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
