// The U盾 login: challenge from the service, the PIN to the token, the token signs, the service
// verifies; then the unit to act for. The PIN lives only in the arguments of one call.
// A session outlives its token being pulled out: it locks, keeps everything on screen, and
// resumes only with the same certificate and its PIN.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { certificateTimeStatus, formatDay } from '../../../domain/certificate-status';
import type { CertificateHolder } from '../../../domain/certificate-subject';
import {
  certLoginResponseSchema,
  challengeResponseSchema,
  loginSignedText,
  type CertLoginResponse,
} from '../../../domain/protocol/auth';
import type { LoginMethod, PasswordLoginResponse } from '../../../domain/protocol/accounts';
import type { LoginStage, SessionView } from '../../contract/views';
import type { ServerClock } from '../net/server-clock';
import type { ServiceClient } from '../net/service-client';
import type { CertificateDetails } from '../certificates/certificate-details';
import type { ResolvedCertificate, TokenService } from '../tokens/token-service';
import type { TokenCertificate, TokenDevice } from '../tokens/token-device';

export interface LoginRequest {
  certificateId: string;
  pin: string | null;
  confirmedFinalTry: boolean;
}

export interface AuthEvents {
  progress(stage: LoginStage): void;
  sessionChanged(session: SessionView | null): void;
}

export interface AuthOptions {
  /** How often a running session's certificate is checked for expiry (every hour). */
  certificateCheckMs?: number;
}

/** The token a U盾 session logged in with; password and 电子社保卡 sessions have none. */
interface TokenBinding {
  device: TokenDevice;
  certificate: TokenCertificate;
  certificateId: string;
  details: CertificateDetails;
}

interface ActiveSession {
  token: string;
  /** Stable per person (or unit, for a unit certificate): names the per-user database. */
  personKey: string;
  response: CertLoginResponse;
  currentUnitNo: string | null;
  method: LoginMethod;
  mustChangePassword: boolean;
  binding: TokenBinding | null;
  lock: SessionView['lock'];
}

/** What signs for the session right now: the token and the certificate it logged in with. */
export interface SessionSigner {
  device: TokenDevice;
  certificate: TokenCertificate;
}

/** The same key whichever way the person (or unit) logged in, so their drafts follow them. */
function personKeyOf(holder: CertificateHolder | null, certSha256: string): string {
  const identity = holder
    ? holder.kind === 'person'
      ? `person:${holder.residentId}`
      : `unit:${holder.uscc}`
    : `cert:${certSha256}`;
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

export class AuthService {
  private active: ActiveSession | null = null;
  private busy = false;
  private readonly checkTimer: NodeJS.Timeout;

  constructor(
    private readonly tokens: TokenService,
    private readonly client: ServiceClient,
    private readonly clock: ServerClock,
    private readonly events: AuthEvents,
    options: AuthOptions = {},
  ) {
    this.checkTimer = setInterval(
      () => this.recheckCertificate(),
      options.certificateCheckMs ?? 3600_000,
    );
    this.checkTimer.unref();
  }

  current(): SessionView | null {
    return this.active ? this.view(this.active) : null;
  }

  personKey(): string | null {
    return this.active?.personKey ?? null;
  }

  sessionToken(): string {
    return this.requireActive().token;
  }

  /**
   * The token that signs declarations for this session, or why nothing may be signed now:
   * the token was pulled out (TOKEN_REMOVED), or the certificate expired mid-session.
   */
  signer(): SessionSigner {
    const active = this.requireActive();
    const binding = active.binding;
    if (!binding) throw new AppError('TOKEN_SIGNATURE_REQUIRED');
    if (active.lock) throw new AppError('TOKEN_REMOVED');
    const status = this.statusOf(binding.details);
    if (status.kind === 'expired') {
      throw new AppError('CERT_EXPIRED_SESSION', { date: formatDay(binding.details.notAfter) });
    }
    return { device: binding.device, certificate: binding.certificate };
  }

  /** Kept for callers that only need to know whether a signer exists. */
  activeDevice(): { device: TokenDevice; certificateId: string } | null {
    const binding = this.active?.binding;
    return binding && !this.active?.lock
      ? { device: binding.device, certificateId: binding.certificateId }
      : null;
  }

  async login(request: LoginRequest): Promise<SessionView> {
    return this.exclusive(() => this.loginOnce(request));
  }

  /** After the token came back: the same certificate and its PIN unlock the session. */
  async resume(request: LoginRequest): Promise<SessionView> {
    return this.exclusive(async () => {
      const active = this.requireActive();
      const binding = active.binding;
      if (!active.lock || !binding) return this.view(active);
      const resolved = this.tokens.resolve(request.certificateId);
      if (resolved.details.sha256 !== binding.details.sha256)
        throw new AppError('RESUME_OTHER_CERTIFICATE');
      this.events.progress('signing');
      await this.unlockToken(resolved, request);
      binding.device = resolved.device;
      binding.certificate = resolved.certificate;
      binding.certificateId = request.certificateId;
      active.lock = null;
      this.events.progress('done');
      return this.publish(active);
    });
  }

  /** Called whenever the set of tokens changes: a session whose token left locks at once. */
  devicesChanged(): void {
    const active = this.active;
    const binding = active?.binding;
    if (!active || !binding || active.lock) return;
    if (!this.tokens.devices().some((d) => d.id === binding.device.id)) {
      active.lock = { reason: 'token-removed', since: new Date().toISOString() };
      void binding.device.logout().catch(() => undefined);
      this.publish(active);
    }
  }

  chooseUnit(unitNo: string): SessionView {
    const active = this.requireActive();
    if (!active.response.units.some((u) => u.unitNo === unitNo))
      throw new AppError('UNIT_NOT_ALLOWED');
    active.currentUnitNo = unitNo;
    return this.publish(active);
  }

  /**
   * A session opened without the token (account + password, or 电子社保卡 QR): it can prepare
   * drafts and read records, but has nothing to sign declarations with.
   */
  async adopt(response: PasswordLoginResponse): Promise<SessionView> {
    return this.exclusive(async () => {
      await this.endActive();
      const holder: CertificateHolder = /^\d{17}[\dX]$/.test(response.account)
        ? { kind: 'person', name: response.person.name, residentId: response.account }
        : { kind: 'unit', name: response.person.name, uscc: response.account };
      this.active = {
        token: response.session,
        personKey: personKeyOf(holder, ''),
        response,
        currentUnitNo: response.units.length === 1 ? (response.units[0]?.unitNo ?? null) : null,
        method: response.method,
        mustChangePassword: response.mustChangePassword,
        binding: null,
        lock: null,
      };
      return this.publish(this.active);
    });
  }

  /** The service accepted the new password: the session may go on. */
  passwordChanged(): SessionView {
    const active = this.requireActive();
    active.mustChangePassword = false;
    return this.publish(active);
  }

  async logout(): Promise<void> {
    await this.endActive();
    this.events.sessionChanged(null);
  }

  dispose(): void {
    clearInterval(this.checkTimer);
  }

  /** Re-judges the certificate with the trusted clock; tells the renderer when that changed. */
  recheckCertificate(): void {
    const active = this.active;
    if (active) this.publish(active);
  }

  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy) throw new AppError('TOKEN_BUSY');
    this.busy = true;
    try {
      return await work();
    } catch (error) {
      this.events.progress('failed');
      throw error;
    } finally {
      this.busy = false;
    }
  }

  /** The PIN rules first, then C_Login: never a PIN to a locked token, never a PIN by itself. */
  private async unlockToken(resolved: ResolvedCertificate, request: LoginRequest): Promise<void> {
    const { device, details, view } = resolved;
    if (view.status.kind === 'expired') {
      throw new AppError('CERT_EXPIRED_LOCAL', { date: formatDay(details.notAfter) });
    }
    if (view.status.kind === 'not-yet-valid') {
      throw new AppError('CERT_NOT_YET_VALID_LOCAL', { date: formatDay(details.notBefore) });
    }
    const pinState = await device.readPinState();
    if (pinState.locked) throw new AppError('PIN_LOCKED');
    if (pinState.finalTry && !request.confirmedFinalTry)
      throw new AppError('FINAL_TRY_NOT_CONFIRMED');
    if (!pinState.pinPad && !request.pin) throw new AppError('PIN_EMPTY');
    await device.login(pinState.pinPad ? null : request.pin);
  }

  private async loginOnce(request: LoginRequest): Promise<SessionView> {
    this.events.progress('challenge');
    const sentAt = Date.now();
    const challenge = await this.client.request('/v1/auth/challenge', challengeResponseSchema);
    this.clock.observe(challenge.serverTime, sentAt, Date.now());
    this.tokens.changed();
    this.client.assertServiceOrigin(challenge.origin);
    // A new login replaces any session: end the old one before its token is logged in again.
    await this.endActive();

    const resolved = this.tokens.resolve(request.certificateId);
    const { device, certificate, details } = resolved;
    this.events.progress('signing');
    await this.unlockToken(resolved, request);
    const certHash = createHash('sha256').update(certificate.der).digest('hex');
    const text = loginSignedText(challenge.origin, challenge.nonce, certHash);
    let response: CertLoginResponse;
    try {
      const signature = await device.sign(certificate.ckaIdHex, Buffer.from(text, 'utf8'));
      this.events.progress('verifying');
      response = await this.client.request('/v1/auth/cert-login', certLoginResponseSchema, {
        method: 'POST',
        body: {
          nonce: challenge.nonce,
          certificate: Buffer.from(certificate.der).toString('base64'),
          signature: signature.toString('base64'),
        },
      });
    } catch (error) {
      // Nothing half-done: a failed sign or a refused login leaves the token logged out.
      await device.logout().catch(() => undefined);
      throw error;
    }

    this.active = {
      token: response.session,
      personKey: personKeyOf(details.holder, details.sha256),
      response,
      currentUnitNo: response.units.length === 1 ? (response.units[0]?.unitNo ?? null) : null,
      method: 'cert',
      mustChangePassword: false,
      binding: { device, certificate, certificateId: request.certificateId, details },
      lock: null,
    };
    this.events.progress('done');
    return this.publish(this.active);
  }

  private publish(active: ActiveSession): SessionView {
    const session = this.view(active);
    this.events.sessionChanged(session);
    return session;
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
      active.lock || !active.binding ? Promise.resolve() : active.binding.device.logout(),
    ]);
  }

  private statusOf(details: CertificateDetails) {
    return certificateTimeStatus(details.notBefore, details.notAfter, this.clock.now().now);
  }

  private view(active: ActiveSession): SessionView {
    const binding = active.binding;
    return {
      person: active.response.person,
      units: active.response.units,
      currentUnit: active.response.units.find((u) => u.unitNo === active.currentUnitNo) ?? null,
      method: active.method,
      mustChangePassword: active.mustChangePassword,
      certificate: binding
        ? {
            id: binding.certificateId,
            tokenId: binding.device.id,
            holderName: binding.details.holderName,
            sha256: binding.details.sha256,
            notAfter: binding.details.notAfter.toISOString(),
            status: this.statusOf(binding.details),
          }
        : null,
      lock: active.lock,
      expiresAt: active.response.expiresAt,
    };
  }
}
