// Accounts from the client's side: every call to the service's accounts endpoints, the login
// sessions they open (handed to AuthService), and the business guides kept on disk for offline.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import {
  agentsResponseSchema,
  captchaResponseSchema,
  guidesResponseSchema,
  passwordLoginResponseSchema,
  qrCreateResponseSchema,
  qrPollResponseSchema,
  smsCodeResponseSchema,
  unitApplicationSchema,
  type AgentsResponse,
  type CaptchaResponse,
  type GuidesResponse,
  type QrCreateResponse,
  type QrIdentity,
  type QrState,
  type SmsCodeResponse,
  type SmsPurpose,
  type UnitApplication,
} from '../../../domain/protocol/accounts';
import type { MethodInput } from '../../contract/api';
import type { GuidesView, QrWaitResult } from '../../contract/views-accounts';
import type { SessionView } from '../../contract/views';
import type { AuthService } from '../auth/auth-service';
import type { ServiceClient } from '../net/service-client';

const QR_WAIT_SECONDS = 20;

export class AccountsService {
  private readonly guidesFile: string;

  constructor(
    private readonly client: ServiceClient,
    private readonly auth: AuthService,
    dataDir: string,
  ) {
    this.guidesFile = join(dataDir, 'guides.json');
  }

  captcha(): Promise<CaptchaResponse> {
    return this.client.request('/v1/auth/captcha', captchaResponseSchema);
  }

  async passwordLogin(input: MethodInput<'accounts.passwordLogin'>): Promise<SessionView> {
    const response = await this.client.request(
      '/v1/auth/password-login',
      passwordLoginResponseSchema,
      {
        method: 'POST',
        body: input,
      },
    );
    return this.auth.adopt(response);
  }

  async changePassword(input: MethodInput<'accounts.changePassword'>): Promise<SessionView> {
    await this.client.request('/v1/auth/password', z.unknown(), {
      method: 'POST',
      body: input,
      bearer: this.auth.sessionToken(),
    });
    return this.auth.passwordChanged();
  }

  sendSms(purpose: SmsPurpose, mobile: string): Promise<SmsCodeResponse> {
    return this.client.request('/v1/sms/code', smsCodeResponseSchema, {
      method: 'POST',
      body: { purpose, mobile },
    });
  }

  registerPerson(input: MethodInput<'accounts.registerPerson'>): Promise<{ account: string }> {
    return this.client.request('/v1/register/person', z.object({ account: z.string() }), {
      method: 'POST',
      body: input,
    });
  }

  registerUnit(input: MethodInput<'accounts.registerUnit'>): Promise<UnitApplication> {
    return this.client.request('/v1/register/unit', unitApplicationSchema, {
      method: 'POST',
      body: input,
    });
  }

  applicationStatus(applicationId: string): Promise<UnitApplication> {
    return this.client.request(
      `/v1/register/unit/${encodeURIComponent(applicationId)}`,
      unitApplicationSchema,
    );
  }

  async resetPassword(input: MethodInput<'accounts.resetPassword'>): Promise<{ reset: true }> {
    await this.client.request('/v1/auth/reset-password', z.unknown(), {
      method: 'POST',
      body: input,
    });
    return { reset: true };
  }

  qrStart(identity: QrIdentity): Promise<QrCreateResponse> {
    return this.client.request('/v1/auth/qr', qrCreateResponseSchema, {
      method: 'POST',
      body: { identity },
    });
  }

  /** One long poll; a confirmed code begins the session here. */
  async qrWait(qrId: string, since: QrState): Promise<QrWaitResult> {
    const answer = await this.client.request(
      `/v1/auth/qr/${encodeURIComponent(qrId)}?since=${since}&wait=${QR_WAIT_SECONDS}`,
      qrPollResponseSchema,
      { timeoutMs: (QR_WAIT_SECONDS + 15) * 1000 },
    );
    if (answer.state === 'confirmed' && answer.session) {
      return { state: 'confirmed', session: await this.auth.adopt(answer.session) };
    }
    return { state: answer.state, ...(answer.code ? { code: answer.code } : {}) };
  }

  // --- 授权登录: the 法人's agents, for the enterprise of the unit being worked for ---

  private enterprisePath(path = ''): string {
    const unit = this.auth.current()?.currentUnit;
    if (!unit) throw new AppError('NOT_LOGGED_IN');
    return `/v1/enterprise/agents${path}?uscc=${encodeURIComponent(unit.uscc)}`;
  }

  private enterprise(
    path: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    body?: unknown,
  ): Promise<AgentsResponse> {
    return this.client.request(this.enterprisePath(path), agentsResponseSchema, {
      method,
      ...(body === undefined ? {} : { body }),
      bearer: this.auth.sessionToken(),
    });
  }

  agents(): Promise<AgentsResponse> {
    return this.enterprise('', 'GET');
  }

  addAgent(agent: MethodInput<'accounts.addAgent'>): Promise<AgentsResponse> {
    return this.enterprise('', 'POST', agent);
  }

  updateAgent(agent: MethodInput<'accounts.updateAgent'>): Promise<AgentsResponse> {
    return this.enterprise(`/${encodeURIComponent(agent.residentId)}`, 'PUT', {
      name: agent.name,
      mobile: agent.mobile,
    });
  }

  deleteAgent(residentId: string): Promise<AgentsResponse> {
    return this.enterprise(`/${encodeURIComponent(residentId)}`, 'DELETE');
  }

  setGrants(residentId: string, unitNos: string[]): Promise<AgentsResponse> {
    return this.enterprise(`/${encodeURIComponent(residentId)}/grants`, 'PUT', { unitNos });
  }

  // --- 办事指南, readable offline from the last copy ---

  async guides(): Promise<GuidesView> {
    try {
      const fresh = await this.client.request('/v1/guides', guidesResponseSchema);
      if (this.cachedGuides()?.version !== fresh.version) this.saveGuides(fresh);
      return { ...fresh, offline: false };
    } catch (error) {
      const cached = this.cachedGuides();
      if (cached) return { ...cached, offline: true };
      throw new AppError('GUIDES_UNAVAILABLE', undefined, { cause: error });
    }
  }

  private cachedGuides(): GuidesResponse | null {
    try {
      const parsed = guidesResponseSchema.safeParse(
        JSON.parse(readFileSync(this.guidesFile, 'utf8')),
      );
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private saveGuides(guides: GuidesResponse): void {
    // Written aside and renamed, so a crash never leaves half a file.
    const temp = `${this.guidesFile}.tmp`;
    writeFileSync(temp, JSON.stringify(guides));
    renameSync(temp, this.guidesFile);
  }
}
