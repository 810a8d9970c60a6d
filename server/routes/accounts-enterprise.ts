// The 法人's agents (授权登录): add, change, delete, grant and revoke 参保关系; and the counter's
// authorization with the 授权委托书 image (reviewer).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkUscc } from '../../domain/ids';
import {
  agentInputSchema,
  agentUpdateSchema,
  counterGrantRequestSchema,
  grantsRequestSchema,
  type AgentsResponse,
} from '../../domain/protocol/accounts';
import { parseBody, type AccountsContext } from '../accounts/accounts-context';
import { AccountError, invalid, maskForCounter } from '../accounts/account-error';
import { decodeBase64Strict } from '../wire';
import { requireMobile, requireResidentId } from './accounts-login';
import { requireReviewer } from './review';
import { requireSession } from './session-guard';

const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

function isImage(bytes: Buffer, mimeType: 'image/jpeg' | 'image/png'): boolean {
  if (mimeType === 'image/png') {
    return bytes
      .subarray(0, 8)
      .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  }
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function registerAccountEnterpriseRoutes(app: FastifyInstance, ctx: AccountsContext): void {
  const { service, enterprise } = ctx;
  const { directory } = service;

  /** The enterprise (USCC) this 法人 session manages; FORBIDDEN for anyone else. */
  function legalEnterprise(request: FastifyRequest): string {
    const { session } = requireSession(service, request);
    const usccs =
      session.subject.kind === 'unit'
        ? [session.subject.uscc]
        : enterprise.enterprisesOfLegal(session.subject.residentId);
    if (usccs.length === 0) throw new AccountError('FORBIDDEN', 403);
    const query = z.object({ uscc: z.string().max(30).optional() }).safeParse(request.query);
    const wanted = query.success ? query.data.uscc?.toUpperCase() : undefined;
    if (wanted !== undefined) {
      if (!usccs.includes(wanted)) throw new AccountError('FORBIDDEN', 403);
      return wanted;
    }
    if (usccs.length > 1) throw invalid('ENTERPRISE_CHOICE_REQUIRED');
    return usccs[0]!;
  }

  function listing(uscc: string): AgentsResponse {
    const units = directory.unitsByUscc(uscc);
    return {
      uscc,
      enterpriseName: units[0]?.name ?? '',
      units: units.map((u) => ({ unitNo: u.unitNo, name: u.name })),
      agents: enterprise.agents(uscc),
    };
  }

  /**
   * A wrong name or ID means the agent cannot log in, so both are checked: the name
   * must be the one on the person's record, unless that record exists only because this 法人
   * named the agent (then the 法人 is correcting their own typing).
   */
  function requireAgentName(uscc: string, residentId: string, name: string): string {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 50) throw invalid('NAME_REQUIRED');
    const known = directory.findPerson(residentId);
    if (known && known.name !== trimmed) {
      const ownTyping =
        enterprise.createdPerson(uscc, residentId) &&
        !enterprise.nameFixedElsewhere(residentId, uscc);
      if (!ownTyping) throw invalid('AGENT_NAME_MISMATCH');
    }
    return trimmed;
  }

  function residentIdParam(request: FastifyRequest): string {
    const params = z.object({ residentId: z.string().max(30) }).safeParse(request.params);
    if (!params.success) throw invalid('BAD_REQUEST');
    return requireResidentId(params.data.residentId);
  }

  function saveAgent(uscc: string, residentId: string, name: string, mobile: string): void {
    const now = service.now().getTime();
    service.db.transaction(() => {
      const created = directory.findPerson(residentId) === undefined;
      directory.upsertPerson({ residentId, name });
      enterprise.putAgent(uscc, { residentId, name, mobile }, now, created);
    })();
  }

  function requireOwnUnits(uscc: string, unitNos: readonly string[]): string[] {
    const own = new Set(directory.unitsByUscc(uscc).map((u) => u.unitNo));
    const unique = [...new Set(unitNos)];
    if (unique.some((unitNo) => !own.has(unitNo))) throw invalid('GRANT_UNIT_INVALID');
    return unique;
  }

  app.get('/v1/enterprise/agents', async (request): Promise<AgentsResponse> =>
    listing(legalEnterprise(request)),
  );

  app.post('/v1/enterprise/agents', async (request, reply) => {
    const uscc = legalEnterprise(request);
    const body = parseBody(agentInputSchema, request.body);
    const residentId = requireResidentId(body.residentId);
    const name = requireAgentName(uscc, residentId, body.name);
    const mobile = requireMobile(body.mobile);
    if (enterprise.findAgent(uscc, residentId)) throw new AccountError('AGENT_EXISTS', 409);
    saveAgent(uscc, residentId, name, mobile);
    return reply.code(201).send(listing(uscc));
  });

  app.put('/v1/enterprise/agents/:residentId', async (request): Promise<AgentsResponse> => {
    const uscc = legalEnterprise(request);
    const residentId = residentIdParam(request);
    const body = parseBody(agentUpdateSchema, request.body);
    if (!enterprise.findAgent(uscc, residentId)) throw new AccountError('AGENT_NOT_FOUND', 404);
    const name = requireAgentName(uscc, residentId, body.name);
    saveAgent(uscc, residentId, name, requireMobile(body.mobile));
    return listing(uscc);
  });

  app.delete('/v1/enterprise/agents/:residentId', async (request): Promise<AgentsResponse> => {
    const uscc = legalEnterprise(request);
    const residentId = residentIdParam(request);
    if (!enterprise.findAgent(uscc, residentId)) throw new AccountError('AGENT_NOT_FOUND', 404);
    enterprise.removeAgent(uscc, residentId);
    return listing(uscc);
  });

  app.put('/v1/enterprise/agents/:residentId/grants', async (request): Promise<AgentsResponse> => {
    const uscc = legalEnterprise(request);
    const residentId = residentIdParam(request);
    const body = parseBody(grantsRequestSchema, request.body);
    const agent = enterprise.findAgent(uscc, residentId);
    if (!agent) throw new AccountError('AGENT_NOT_FOUND', 404);
    const unitNos = requireOwnUnits(uscc, body.unitNos);
    // Older grants (made before the agent list existed) get their list entry now.
    saveAgent(uscc, residentId, agent.name, agent.mobile);
    enterprise.setGrants(uscc, residentId, unitNos);
    return listing(uscc);
  });

  // 窗口授权: staff record a grant brought to the counter with the signed 授权委托书.
  app.post('/v1/review/enterprise-agents', { bodyLimit: 4 * 1024 * 1024 }, async (request) => {
    requireReviewer(service, request);
    const body = parseBody(counterGrantRequestSchema, request.body);
    const checked = checkUscc(body.uscc);
    const uscc = checked.ok ? checked.normalized : body.uscc.trim().toUpperCase();
    const legalResidentId = body.legalResidentId.trim().toUpperCase();
    const account = ctx.accounts.find(uscc);
    const registered =
      account?.kind === 'unit' && account.legalResidentId === legalResidentId
        ? true
        : enterprise.legalPersons(uscc).includes(legalResidentId);
    if (!registered) {
      throw invalid('COUNTER_REGISTRATION_MISMATCH', {
        uscc: maskForCounter(uscc),
        legalId: maskForCounter(legalResidentId),
      });
    }
    const bytes = decodeBase64Strict(body.attachment.dataBase64);
    if (!bytes || bytes.length > MAX_ATTACHMENT_BYTES || !isImage(bytes, body.attachment.mimeType))
      throw invalid('ATTACHMENT_INVALID');
    const residentId = requireResidentId(body.agent.residentId);
    const name = requireAgentName(uscc, residentId, body.agent.name);
    const mobile = requireMobile(body.agent.mobile);
    const unitNos = requireOwnUnits(uscc, body.unitNos);
    const existing = enterprise.findAgent(uscc, residentId)?.grantedUnitNos ?? [];
    service.db.transaction(() => {
      saveAgent(uscc, residentId, name, mobile);
      enterprise.setGrants(uscc, residentId, [...new Set([...existing, ...unitNos])]);
      enterprise.recordCounterAuthorization(
        uscc,
        residentId,
        unitNos,
        { fileName: body.attachment.fileName, mimeType: body.attachment.mimeType, bytes },
        service.now().getTime(),
      );
    })();
    return listing(uscc);
  });
}
