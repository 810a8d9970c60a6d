// The accounts section of the contract: password and 电子社保卡 login, registration, forgotten
// passwords, password change, the 法人's agents and grants, and the business guides.
import { z } from 'zod';
import {
  agentsResponseSchema,
  captchaResponseSchema,
  guidesResponseSchema,
  qrCreateResponseSchema,
  qrIdentitySchema,
  qrStateSchema,
  smsCodeResponseSchema,
  smsPurposeSchema,
  unitApplicationSchema,
} from '../../domain/protocol/accounts';
import { sessionViewSchema } from './views';

const field = (max: number) => z.string().max(max);
const agentFields = { residentId: field(30), name: field(50), mobile: field(20) };

export const qrWaitResultSchema = z.object({
  state: qrStateSchema,
  /** For refused and expired codes: the reason, from the catalogue. */
  code: z.string().max(64).optional(),
  /** Set once the code is confirmed: the session has begun. */
  session: sessionViewSchema.optional(),
});
export type QrWaitResult = z.infer<typeof qrWaitResultSchema>;

export const guidesViewSchema = guidesResponseSchema.extend({
  /** True when the service could not be reached and these come from the local copy. */
  offline: z.boolean(),
});
export type GuidesView = z.infer<typeof guidesViewSchema>;

export const accountsMethods = {
  'accounts.captcha': { input: z.object({}).strict(), output: captchaResponseSchema },
  /** The password travels once, to the service; never stored or logged. */
  'accounts.passwordLogin': {
    input: z
      .object({
        account: field(40),
        password: field(100),
        captchaId: field(64),
        captcha: field(16),
      })
      .strict(),
    output: sessionViewSchema,
  },
  'accounts.changePassword': {
    input: z.object({ oldPassword: field(100), newPassword: field(100) }).strict(),
    output: sessionViewSchema,
  },
  'accounts.sendSms': {
    input: z.object({ purpose: smsPurposeSchema, mobile: field(20) }).strict(),
    output: smsCodeResponseSchema,
  },
  'accounts.registerPerson': {
    input: z
      .object({
        name: field(50),
        residentId: field(30),
        mobile: field(20),
        smsCode: field(10),
        password: field(100),
      })
      .strict(),
    output: z.object({ account: z.string() }),
  },
  'accounts.registerUnit': {
    input: z
      .object({
        uscc: field(30),
        unitName: field(200),
        legalName: field(50),
        legalResidentId: field(30),
        agent: z.object(agentFields).strict(),
        smsCode: field(10),
        password: field(100),
      })
      .strict(),
    output: unitApplicationSchema,
  },
  'accounts.applicationStatus': {
    input: z.object({ applicationId: field(64) }).strict(),
    output: unitApplicationSchema,
  },
  'accounts.resetPassword': {
    input: z
      .object({
        account: field(40),
        residentId: field(30),
        mobile: field(20),
        smsCode: field(10),
        newPassword: field(100),
      })
      .strict(),
    output: z.object({ reset: z.literal(true) }),
  },
  'accounts.qrStart': {
    input: z.object({ identity: qrIdentitySchema }).strict(),
    output: qrCreateResponseSchema,
  },
  /** Waits (up to 20 s) for the code to move on from `since`. */
  'accounts.qrWait': {
    input: z.object({ qrId: field(64), since: qrStateSchema }).strict(),
    output: qrWaitResultSchema,
  },
  'accounts.agents': { input: z.object({}).strict(), output: agentsResponseSchema },
  'accounts.addAgent': { input: z.object(agentFields).strict(), output: agentsResponseSchema },
  'accounts.updateAgent': { input: z.object(agentFields).strict(), output: agentsResponseSchema },
  'accounts.deleteAgent': {
    input: z.object({ residentId: field(30) }).strict(),
    output: agentsResponseSchema,
  },
  'accounts.setGrants': {
    input: z.object({ residentId: field(30), unitNos: z.array(field(32)).max(100) }).strict(),
    output: agentsResponseSchema,
  },
  'accounts.guides': { input: z.object({}).strict(), output: guidesViewSchema },
} as const;

export const accountsEvents = {} as const;
