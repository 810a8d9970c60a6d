// 电子社保卡 QR login: the app shows a code, the person scans it with the 电子社保卡 app (played
// by `npm run essc -- scan`) which answers on /v1/essc/scan, and the app's long poll gets the
// session.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeError } from '../../domain/errors';
import {
  esscScanRequestSchema,
  QR_LONG_POLL_MAX_S,
  QR_TTL_MS,
  qrCreateRequestSchema,
  qrIdSchema,
  qrStateSchema,
  type QrCreateResponse,
  type QrPollResponse,
} from '../../domain/protocol/accounts';
import { openSession, parseBody, type AccountsContext } from '../accounts/accounts-context';
import { AccountError, invalid } from '../accounts/account-error';
import type { QrLogin } from '../accounts/qr-logins';
import { ServiceError } from '../errors';
import { requireResidentId } from './accounts-login';

const pollQuerySchema = z.object({
  /** The state the poller already knows; the answer waits until it changes. */
  since: qrStateSchema.optional(),
  wait: z.coerce.number().int().min(0).max(QR_LONG_POLL_MAX_S).optional(),
});

export function registerAccountQrRoutes(app: FastifyInstance, ctx: AccountsContext): void {
  const { service, qr } = ctx;

  app.addHook('onClose', async () => qr.wakeAll());

  app.post('/v1/auth/qr', async (request): Promise<QrCreateResponse> => {
    const body = parseBody(qrCreateRequestSchema, request.body);
    const login = qr.create(body.identity, service.now().getTime(), QR_TTL_MS);
    const qrText = new URL('/v1/essc/scan', service.origin());
    qrText.searchParams.set('qr', login.qrId);
    return {
      qrId: login.qrId,
      qrText: qrText.toString(),
      expiresAt: new Date(login.expiresAt).toISOString(),
    };
  });

  function answer(login: QrLogin): QrPollResponse {
    if (login.state === 'confirmed' && login.session) {
      const session = login.session;
      qr.finish(login.qrId);
      return { state: 'confirmed', session };
    }
    const code = login.state === 'expired' ? 'QR_EXPIRED' : login.refusal;
    if ((login.state === 'expired' || login.state === 'refused') && code) {
      return { state: login.state, code, message: describeError(code).message };
    }
    return { state: login.state };
  }

  app.get('/v1/auth/qr/:qrId', async (request): Promise<QrPollResponse> => {
    const params = z.object({ qrId: qrIdSchema }).safeParse(request.params);
    const query = pollQuerySchema.safeParse(request.query);
    if (!params.success || !query.success) throw invalid('BAD_REQUEST');
    const since = query.data.since ?? 'waiting';
    const deadline = Date.now() + (query.data.wait ?? QR_LONG_POLL_MAX_S) * 1000;
    const abort = new AbortController();
    request.raw.once('close', () => abort.abort());
    for (;;) {
      const login = qr.get(params.data.qrId, service.now().getTime());
      if (!login) throw new AccountError('QR_NOT_FOUND', 404);
      const left = deadline - Date.now();
      if (login.state !== since || left <= 0 || abort.signal.aborted) return answer(login);
      // Wake at the code's expiry too, measured on the service's clock.
      const untilExpiry = login.expiresAt - service.now().getTime();
      await qr.waitForChange(
        login.qrId,
        Math.max(10, Math.min(left, untilExpiry + 5)),
        abort.signal,
      );
    }
  });

  app.post('/v1/essc/scan', async (request) => {
    const body = parseBody(esscScanRequestSchema, request.body);
    const login = qr.get(body.qrId, service.now().getTime());
    if (!login) throw new AccountError('QR_NOT_FOUND', 404);
    if (login.state === 'expired') throw new AccountError('QR_EXPIRED', 410);
    if (login.state !== 'waiting' && login.state !== 'scanned')
      throw new AccountError('QR_NOT_FOUND', 404);
    const residentId = requireResidentId(body.residentId);
    if (login.scannedBy !== null && login.scannedBy !== residentId)
      throw new AccountError('QR_ALREADY_SCANNED', 409);

    if (body.decision === 'scan') {
      qr.update(login, { state: 'scanned', scannedBy: residentId });
      return { state: 'scanned' };
    }
    if (body.decision === 'refuse') {
      qr.update(login, { state: 'refused', scannedBy: residentId, refusal: 'QR_REFUSED' });
      return { state: 'refused' };
    }
    // The 电子社保卡 has proven who this is; now: is there an account for them in this role?
    try {
      const session = openSession(ctx, { kind: 'person', residentId }, 'qr', {
        only: login.identity,
      });
      qr.update(login, { state: 'confirmed', scannedBy: residentId, session });
      return { state: 'confirmed' };
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const known = service.directory.findPerson(residentId) !== undefined;
      const code =
        login.identity === 'legal'
          ? 'LEGAL_NOT_FOUND'
          : known
            ? 'AGENT_NOT_AUTHORIZED'
            : 'PERSON_NOT_FOUND';
      qr.update(login, { state: 'refused', scannedBy: residentId, refusal: code });
      throw new AccountError(code, code === 'PERSON_NOT_FOUND' ? 401 : 403);
    }
  });
}
