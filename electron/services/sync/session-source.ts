// The logged-in session as the sync engine needs it: the unit, the bearer, and a signer over the
// token the person logged in with. Reads only; never starts a login or asks for a PIN.
import { AppError } from '../../../domain/errors';
import type { AuthService } from '../auth/auth-service';
import type { SyncSession, SyncSource } from './sync-engine';

export function authSyncSource(auth: AuthService): SyncSource {
  return {
    session(): SyncSession {
      const current = auth.current();
      if (!current) return { ok: false, reason: 'not-logged-in' };
      if (!current.currentUnit) return { ok: false, reason: 'no-unit' };
      return { ok: true, unitNo: current.currentUnit.unitNo, bearer: auth.sessionToken() };
    },
    signer() {
      try {
        const { device, certificate } = auth.signer();
        return {
          ok: true,
          signer: {
            certificateDer: certificate.der,
            sign: (data: Buffer) => device.sign(certificate.ckaIdHex, data),
          },
        };
      } catch (error) {
        if (error instanceof AppError && error.code === 'CERT_EXPIRED_SESSION') {
          return { ok: false, reason: 'certificate-expired' };
        }
        if (error instanceof AppError && error.code === 'NOT_LOGGED_IN') {
          return { ok: false, reason: 'not-logged-in' };
        }
        return { ok: false, reason: 'token-removed' };
      }
    },
  };
}
