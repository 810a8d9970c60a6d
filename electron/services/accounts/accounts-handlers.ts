// The accounts section of the contract, bound to AccountsService; and the rule that only a U盾
// session may submit a declaration (it must be signed by the token).
import { AppError } from '../../../domain/errors';
import type { Handlers } from '../app-services-types';
import type { AuthService } from '../auth/auth-service';
import type { AccountsService } from './accounts-service';

type AccountsHandlers = Pick<Handlers, Extract<keyof Handlers, `accounts.${string}`>>;

export function accountsHandlers(accounts: AccountsService): AccountsHandlers {
  return {
    'accounts.captcha': async () => accounts.captcha(),
    'accounts.passwordLogin': async (input) => accounts.passwordLogin(input),
    'accounts.changePassword': async (input) => accounts.changePassword(input),
    'accounts.sendSms': async ({ purpose, mobile }) => accounts.sendSms(purpose, mobile),
    'accounts.registerPerson': async (input) => accounts.registerPerson(input),
    'accounts.registerUnit': async (input) => accounts.registerUnit(input),
    'accounts.applicationStatus': async ({ applicationId }) =>
      accounts.applicationStatus(applicationId),
    'accounts.resetPassword': async (input) => accounts.resetPassword(input),
    'accounts.qrStart': async ({ identity }) => accounts.qrStart(identity),
    'accounts.qrWait': async ({ qrId, since }) => accounts.qrWait(qrId, since),
    'accounts.agents': async () => accounts.agents(),
    'accounts.addAgent': async (input) => accounts.addAgent(input),
    'accounts.updateAgent': async (input) => accounts.updateAgent(input),
    'accounts.deleteAgent': async ({ residentId }) => accounts.deleteAgent(residentId),
    'accounts.setGrants': async ({ residentId, unitNos }) =>
      accounts.setGrants(residentId, unitNos),
    'accounts.guides': async () => accounts.guides(),
  };
}

/** 提交申报 needs the U盾's signature: a password or 电子社保卡 session is told so, drafts kept. */
export function tokenSessionOnly(
  auth: AuthService,
  submit: Handlers['workspace.submit'],
): Handlers['workspace.submit'] {
  return async (input, ctx) => {
    const method = auth.current()?.method;
    if (method && method !== 'cert') throw new AppError('TOKEN_SIGNATURE_REQUIRED');
    return submit(input, ctx);
  };
}
