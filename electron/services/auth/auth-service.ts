// The U盾 login: challenge from the service, the PIN to the token, the token signs, the service
// verifies; then the unit to act for. The PIN lives only in this call's arguments.
import { createHash } from 'node:crypto';
import { AppError } from '../../../domain/errors';
import { formatDay } from '../../../domain/certificate-status';
import type { CertificateHolder } from '../../../domain/certificate-subject';
import {
  certLoginResponseSchema,
  challengeResponseSchema,
  loginSignedText,
  type CertLoginResponse,
} from '../../../domain/protocol/auth';
import { z } from 'zod';
import type { LoginStage, SessionView } from '../../contract/views';
import type { ServerClock } from '../net/server-clock';
import type { ServiceClient } from '../net/service-client';
import type { TokenService } from '../tokens/token-service';
import type { TokenDevice } from '../tokens/token-device';

function personKeyOf(holder: CertificateHolder | null, certSha256: string): string {
  const identity = holder
    ? holder.kind === 'person'
      ? `person:${holder.residentId}`
      : `unit:${holder.uscc}`
    : `cert:${certSha256}`;
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

export interface LoginRequest {
  certificateId: string;
  pin: string | null;
  confirmedFinalTry: boolean;
}

interface ActiveSession {
  token: string;
  /** Stable per person (or unit, for a unit certificate): names the per-user database. */
  personKey: string;
  response: CertLoginResponse;
  currentUnitNo: string | null;
  device: TokenDevice;
  certificateId: string;
  view: SessionView['certificate'];
}

export interface AuthEvents {
  progress(stage: LoginStage): void;
  sessionChanged(session: SessionView | null): void;
}

export class AuthService {
  private active: ActiveSession | null = null;
  private loginInFlight = false;

  constructor(
    private readonly tokens: TokenService,
    private readonly client: ServiceClient,
    private readonly clock: ServerClock,
    private readonly events: AuthEvents,
  ) {}

  current(): SessionView | null {
    return this.active ? this.view(this.active) : null;
  }

  /** The device and certificate the session was opened with (for signing declarations). */
  activeDevice(): { device: TokenDevice; certificateId: string } | null {
    return this.active
      ? { device: this.active.device, certificateId: this.active.certificateId }
      : null;
  }

  async login(request: LoginRequest): Promise<SessionView> {
    if (this.loginInFlight) throw new AppError('TOKEN_BUSY');
    this.loginInFlight = true;
    try {
      return await this.loginOnce(request);
    } catch (error) {
      this.events.progress('failed');
      throw error;
    } finally {
      this.loginInFlight = false;
    }
  }

  private async loginOnce({
    certificateId,
    pin,
    confirmedFinalTry,
  }: LoginRequest): Promise<SessionView> {
    this.events.progress('challenge');
    const sentAt = Date.now();
    const challenge = await this.client.request('/v1/auth/challenge', challengeResponseSchema);
    this.clock.observe(challenge.serverTime, sentAt, Date.now());
    this.tokens.changed();

    const { device, certificate, details, view } = this.tokens.resolve(certificateId);
    if (view.status.kind === 'expired') {
      throw new AppError('CERT_EXPIRED_LOCAL', { date: formatDay(details.notAfter) });
    }
    if (view.status.kind === 'not-yet-valid') {
      throw new AppError('CERT_NOT_YET_VALID_LOCAL', { date: formatDay(details.notBefore) });
    }

    const pinState = await device.readPinState();
    if (pinState.locked) throw new AppError('PIN_LOCKED');
    if (pinState.finalTry && !confirmedFinalTry) throw new AppError('FINAL_TRY_NOT_CONFIRMED');
    if (!pinState.pinPad && !pin) throw new AppError('PIN_EMPTY');

    this.events.progress('signing');
    await device.login(pinState.pinPad ? null : pin);
    const certHash = createHash('sha256').update(certificate.der).digest('hex');
    const text = loginSignedText(challenge.origin, challenge.nonce, certHash);
    let signature: Buffer;
    try {
      signature = await device.sign(certificate.ckaIdHex, Buffer.from(text, 'utf8'));
    } catch (error) {
      await device.logout().catch(() => undefined);
      throw error;
    }

    this.events.progress('verifying');
    let response: CertLoginResponse;
    try {
      response = await this.client.request('/v1/auth/cert-login', certLoginResponseSchema, {
        method: 'POST',
        body: {
          nonce: challenge.nonce,
          certificate: Buffer.from(certificate.der).toString('base64'),
          signature: signature.toString('base64'),
        },
      });
    } catch (error) {
      await device.logout().catch(() => undefined);
      throw error;
    }

    await this.endActive();
    this.active = {
      token: response.session,
      personKey: personKeyOf(details.holder, details.sha256),
      response,
      currentUnitNo: response.units.length === 1 ? (response.units[0]?.unitNo ?? null) : null,
      device,
      certificateId,
      view: {
        id: certificateId,
        tokenId: device.id,
        holderName: details.holderName,
        sha256: details.sha256,
        notAfter: details.notAfter.toISOString(),
        status: view.status,
      },
    };
    this.events.progress('done');
    const session = this.view(this.active);
    this.events.sessionChanged(session);
    return session;
  }

  chooseUnit(unitNo: string): SessionView {
    const active = this.requireActive();
    if (!active.response.units.some((u) => u.unitNo === unitNo))
      throw new AppError('UNIT_NOT_ALLOWED');
    active.currentUnitNo = unitNo;
    const session = this.view(active);
    this.events.sessionChanged(session);
    return session;
  }

  async logout(): Promise<void> {
    await this.endActive();
    this.events.sessionChanged(null);
  }

  personKey(): string | null {
    return this.active?.personKey ?? null;
  }

  sessionToken(): string {
    return this.requireActive().token;
  }

  private requireActive(): ActiveSession {
    if (!this.active) throw new AppError('NOT_LOGGED_IN');
    return this.active;
  }

  private async endActive(): Promise<void> {
    const active = this.active;
    this.active = null;
    if (!active) return;
    await Promise.allSettled([
      this.client.request('/v1/auth/logout', z.unknown(), {
        method: 'POST',
        bearer: active.token,
        body: {},
      }),
      active.device.logout(),
    ]);
  }

  private view(active: ActiveSession): SessionView {
    return {
      person: active.response.person,
      units: active.response.units,
      currentUnit: active.response.units.find((u) => u.unitNo === active.currentUnitNo) ?? null,
      certificate: active.view,
      expiresAt: active.response.expiresAt,
    };
  }
}
