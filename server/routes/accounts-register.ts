// Person and unit registration, the unit application's review, and the reviewer's decision.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkUscc } from '../../domain/ids';
import {
  applicationIdSchema,
  registerPersonRequestSchema,
  registerUnitRequestSchema,
  reviewApplicationRequestSchema,
  type UnitApplication,
} from '../../domain/protocol/accounts';
import { parseBody, type AccountsContext } from '../accounts/accounts-context';
import { AccountError, invalid } from '../accounts/account-error';
import { hashPassword } from '../accounts/password-hash';
import type { UnitApplicationRecord } from '../store/accounts-enterprise';
import {
  requireMobile,
  requirePasswordRules,
  requireResidentId,
  requireSmsCode,
} from './accounts-login';
import { requireReviewer } from './review';

const sameName = (a: string, b: string): boolean => a.replace(/\s/g, '') === b.replace(/\s/g, '');

function requireName(value: string): string {
  const name = value.trim();
  if (name === '' || name.length > 50) throw invalid('NAME_REQUIRED');
  return name;
}

export function registerAccountRegisterRoutes(app: FastifyInstance, ctx: AccountsContext): void {
  const { service, accounts, enterprise } = ctx;
  const { directory } = service;

  /** The insured-person records: the service's persons, or anyone on a unit's roster. */
  function insuredName(residentId: string): string | undefined {
    const person = directory.findPerson(residentId);
    if (person) return person.name;
    return service.sync.roster.findInAnyUnit(residentId)?.name;
  }

  app.post('/v1/register/person', async (request, reply) => {
    const body = parseBody(registerPersonRequestSchema, request.body);
    const name = requireName(body.name);
    const residentId = requireResidentId(body.residentId);
    const mobile = requireMobile(body.mobile);
    requirePasswordRules(body.password, residentId);
    const recorded = insuredName(residentId);
    if (recorded === undefined || !sameName(recorded, name)) throw invalid('ID_MISMATCH');
    if (accounts.find(residentId)) throw new AccountError('ALREADY_REGISTERED', 409);
    requireSmsCode(ctx, mobile, 'register', body.smsCode);
    const passwordHash = await hashPassword(body.password);
    const now = service.now().getTime();
    service.db.transaction(() => {
      directory.upsertPerson({ residentId, name: recorded });
      accounts.create(
        {
          account: residentId,
          kind: 'person',
          passwordHash,
          mustChange: true,
          mobile,
          agentResidentId: null,
          agentName: null,
          legalName: null,
          legalResidentId: null,
        },
        now,
      );
    })();
    return reply.code(201).send({ account: residentId });
  });

  app.post('/v1/register/unit', async (request, reply) => {
    const body = parseBody(registerUnitRequestSchema, request.body);
    const uscc = checkUscc(body.uscc);
    if (!uscc.ok && !uscc.confirmable) throw invalid(uscc.code);
    const usccText = uscc.ok ? uscc.normalized : body.uscc.trim().toUpperCase();
    const unitName = body.unitName.trim();
    if (unitName === '') throw invalid('NAME_REQUIRED');
    const legalName = requireName(body.legalName);
    const legalResidentId = requireResidentId(body.legalResidentId);
    const agentName = requireName(body.agent.name);
    const agentResidentId = requireResidentId(body.agent.residentId);
    const agentMobile = requireMobile(body.agent.mobile);
    requirePasswordRules(body.password, usccText);

    // The unit, its name and its 法人 must be those of the insured-unit records.
    const units = directory.unitsByUscc(usccText);
    const legal = enterprise.legalRecord(usccText);
    if (
      units.length === 0 ||
      !units.some((u) => sameName(u.name, unitName)) ||
      !legal ||
      !sameName(legal.legalName, legalName) ||
      legal.legalResidentId !== legalResidentId
    ) {
      throw invalid('UNIT_VERIFY_FAILED');
    }
    // The 法人 account exists already.
    if (accounts.find(usccText) || enterprise.legalPersons(usccText).length > 0) {
      throw new AccountError('LEGAL_ACCOUNT_EXISTS', 409);
    }
    if (enterprise.hasPendingApplication(usccText)) {
      throw new AccountError('REGISTRATION_PENDING', 409);
    }
    requireSmsCode(ctx, agentMobile, 'register', body.smsCode);
    const application: UnitApplicationRecord = {
      applicationId: randomBytes(18).toString('base64url'),
      uscc: usccText,
      unitName,
      legalName,
      legalResidentId,
      agentName,
      agentResidentId,
      agentMobile,
      passwordHash: await hashPassword(body.password),
      state: 'reviewing',
      reason: null,
    };
    enterprise.addApplication(application, service.now().getTime());
    return reply
      .code(202)
      .send({ applicationId: application.applicationId, state: application.state });
  });

  /** Approval creates the unit account (must change its password) and the 法人's roles. */
  function approve(application: UnitApplicationRecord): void {
    const now = service.now().getTime();
    service.db.transaction(() => {
      enterprise.decideApplication(application.applicationId, 'approved', null, now);
      accounts.create(
        {
          account: application.uscc,
          kind: 'unit',
          passwordHash: application.passwordHash,
          mustChange: true,
          mobile: application.agentMobile,
          agentResidentId: application.agentResidentId,
          agentName: application.agentName,
          legalName: application.legalName,
          legalResidentId: application.legalResidentId,
        },
        now,
      );
      directory.upsertPerson({
        residentId: application.legalResidentId,
        name: application.legalName,
      });
      for (const unit of directory.unitsByUscc(application.uscc)) {
        directory.grantRole(application.legalResidentId, unit.unitNo, 'legal');
      }
    })();
  }

  function view(application: UnitApplicationRecord): UnitApplication {
    return {
      applicationId: application.applicationId,
      state: application.state,
      ...(application.reason ? { reason: application.reason } : {}),
      unitName: application.unitName,
      uscc: application.uscc,
    };
  }

  function findApplication(params: unknown): UnitApplicationRecord {
    const parsed = z.object({ applicationId: applicationIdSchema }).safeParse(params);
    const found = parsed.success ? enterprise.application(parsed.data.applicationId) : undefined;
    if (!found) throw new AccountError('APPLICATION_NOT_FOUND', 404);
    return found;
  }

  app.get('/v1/register/unit/:applicationId', async (request): Promise<UnitApplication> => {
    let application = findApplication(request.params);
    // The demo's reviewer decides at once: the first look finds the application approved.
    if (ctx.options.demo && application.state === 'reviewing') {
      approve(application);
      application = enterprise.application(application.applicationId)!;
    }
    return view(application);
  });

  app.post('/v1/review/unit-applications/:applicationId', async (request) => {
    requireReviewer(service, request);
    const application = findApplication(request.params);
    const body = parseBody(reviewApplicationRequestSchema, request.body);
    if (application.state !== 'reviewing') throw new AccountError('APPLICATION_DECIDED', 409);
    if (body.decision === 'approve') approve(application);
    else {
      if (!body.reason) throw invalid('BAD_REQUEST');
      enterprise.decideApplication(
        application.applicationId,
        'returned',
        body.reason,
        service.now().getTime(),
      );
    }
    return view(enterprise.application(application.applicationId)!);
  });
}
