// Accounts as the portals have them: password and 电子社保卡 login, registration, forgotten
// passwords, the 法人's agents and grants, and the business guides. One registration for all.
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context';
import {
  accountIdOf,
  type AccountsContext,
  type AccountsOptions,
} from '../accounts/accounts-context';
import { AccountError } from '../accounts/account-error';
import { businessGuides } from '../accounts/guides';
import { QrLogins } from '../accounts/qr-logins';
import { AccountStore } from '../store/accounts';
import { EnterpriseStore } from '../store/accounts-enterprise';
import type { Session } from '../store/sessions';
import { bearerToken } from '../wire';
import { registerAccountEnterpriseRoutes } from './accounts-enterprise';
import { registerAccountLoginRoutes } from './accounts-login';
import { registerAccountQrRoutes } from './accounts-qr';
import { registerAccountRegisterRoutes } from './accounts-register';

/** What a session whose password must change may still do. */
const WHILE_PASSWORD_MUST_CHANGE = new Set(['/v1/auth/password', '/v1/auth/logout']);

/** A declaration push needs the token's signature: password and QR sessions cannot give one. */
export function assertTokenSession(session: Session): void {
  if (session.method !== 'cert') throw new AccountError('TOKEN_SIGNATURE_REQUIRED', 403);
}

export function registerAccountRoutes(
  app: FastifyInstance,
  service: ServiceContext,
  options: AccountsOptions,
): void {
  const ctx: AccountsContext = {
    service,
    accounts: new AccountStore(service.db),
    enterprise: new EnterpriseStore(service.db),
    qr: new QrLogins(),
    options,
  };

  // A new or reset account changes its password before anything else works.
  app.addHook('preHandler', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/v1/') || path.startsWith('/v1/review/')) return;
    if (WHILE_PASSWORD_MUST_CHANGE.has(path)) return;
    const token = bearerToken(request.headers.authorization);
    if (!token) return;
    const found = service.sessions.lookup(token, service.now().getTime());
    if (!found.ok || found.session.method !== 'password') return;
    if (ctx.accounts.find(accountIdOf(found.session.subject))?.mustChange) {
      throw new AccountError('PASSWORD_CHANGE_REQUIRED', 403);
    }
  });

  registerAccountLoginRoutes(app, ctx);
  registerAccountRegisterRoutes(app, ctx);
  registerAccountQrRoutes(app, ctx);
  registerAccountEnterpriseRoutes(app, ctx);
  app.get('/v1/guides', async () => businessGuides);
}
