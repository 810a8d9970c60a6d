// The service's side of review: 已提交 → 审核中 → 审核通过 / 退回, and roster changes made at
// the counter. Every change is written with its change-feed entry in one transaction.
import { indexRoster, type RosterPerson } from '../../domain/declarations/roster';
import { describeError } from '../../domain/errors';
import { checkDocument, normalizeIdInput } from '../../domain/ids';
import { allKinds } from '../../domain/insurance/kinds';
import { ruleFor, type RegionRule, type RegionTable } from '../../domain/insurance/region-table';
import type {
  CounterRosterChangeRequest,
  ReviewDecisionRequest,
  ReviewDecisionResponse,
  ServerDeclarationState,
} from '../../domain/protocol/sync';
import { badRequest, ServiceError } from '../errors';
import type { ChangeFeed } from '../store/change-feed';
import type { Db } from '../store/database';
import type { DeclarationStore, StoredDeclaration } from '../store/declarations';
import type { Directory } from '../store/directory';
import type { RosterStore } from '../store/roster';
import { regionCodeOf } from '../../domain/insurance/unit-region';
import { rosterEffects } from './roster-effects';
import { localTime, previousMonth } from './service-time';

type Decision = ReviewDecisionRequest['decision'];

const target: Record<Decision, ServerDeclarationState> = {
  reviewing: 'reviewing',
  approve: 'approved',
  return: 'returned',
};

const allowedFrom: Record<Decision, readonly ServerDeclarationState[]> = {
  reviewing: ['submitted'],
  approve: ['submitted', 'reviewing'],
  return: ['submitted', 'reviewing'],
};

const stateLabels: Record<ServerDeclarationState, string> = {
  submitted: '已提交',
  reviewing: '审核中',
  approved: '审核通过',
  returned: '退回',
};

export interface ReviewDeskDeps {
  db: Db;
  directory: Directory;
  declarations: DeclarationStore;
  roster: RosterStore;
  feed: ChangeFeed;
  tables: readonly RegionTable[];
  now(): Date;
  offsetMinutes: number;
}

export class ReviewDesk {
  constructor(private readonly deps: ReviewDeskDeps) {}

  /** The unit's region code (from its USCC), or null for a unit the service does not know. */
  regionOf(unitNo: string): string | null {
    const unit = this.deps.directory.findUnit(unitNo);
    return unit ? regionCodeOf({ unitNo, uscc: unit.uscc }) : null;
  }

  private ruleOf(unitNo: string, month: string): RegionRule | null {
    const region = this.regionOf(unitNo);
    if (region === null) return null;
    const lookup = ruleFor(this.deps.tables, region, month);
    return lookup.ok ? lookup.rule : null;
  }

  decide(id: string, decision: Decision, reason: string | undefined): ReviewDecisionResponse {
    if (decision === 'return' && !reason) throw badRequest();
    const { db, declarations } = this.deps;
    return db.transaction(() => {
      const found = declarations.find(id);
      if (!found) throw new ServiceError('REVIEW_DECLARATION_NOT_FOUND', 404);
      if (!allowedFrom[decision].includes(found.state)) {
        throw new ServiceError('REVIEW_TRANSITION_INVALID', 409, {
          state: stateLabels[found.state],
        });
      }
      const state = target[decision];
      const now = this.deps.now();
      const at = now.toISOString();
      const returnReason = decision === 'return' ? (reason ?? null) : null;
      declarations.setState(id, state, returnReason, now.getTime());
      const seq = this.deps.feed.append(
        found.unitNo,
        returnReason === null
          ? { type: 'declaration.state', declarationId: id, state, at }
          : { type: 'declaration.state', declarationId: id, state, reason: returnReason, at },
        now.getTime(),
      );
      if (state === 'approved') this.applyToRoster(found, now);
      return { declarationId: id, state, seq };
    })();
  }

  private applyToRoster(declaration: StoredDeclaration, now: Date): void {
    const rule = this.ruleOf(declaration.unitNo, declaration.month);
    if (!rule || declaration.type === 'monthly') return;
    const index = indexRoster(this.deps.roster.all(declaration.unitNo));
    const rows = JSON.parse(declaration.rowsJson) as unknown[];
    for (const effect of rosterEffects(declaration.type, rows, index, rule)) {
      this.putPerson(declaration.unitNo, effect.person, effect.reason, now);
    }
  }

  /** Puts people on a unit's roster unless already there (the demo seed); returns how many. */
  seedRoster(unitNo: string, persons: readonly RosterPerson[], reason: string): number {
    const now = this.deps.now();
    return this.deps.db.transaction(() => {
      let added = 0;
      for (const person of persons) {
        if (this.deps.roster.find(unitNo, person.documentNumber)) continue;
        this.putPerson(unitNo, person, reason, now);
        added++;
      }
      return added;
    })();
  }

  private putPerson(unitNo: string, person: RosterPerson, reason: string, now: Date): number {
    this.deps.roster.put(unitNo, person, now.getTime());
    return this.deps.feed.append(
      unitNo,
      {
        type: 'roster.change',
        unitNo,
        docNo: person.documentNumber,
        docType: person.documentType,
        name: person.name,
        status: person.status,
        reason,
        person,
        at: now.toISOString(),
      },
      now.getTime(),
    );
  }

  /** A change made at the counter (窗口办理): the client learns of it from the feed. */
  counterChange(unitNo: string, req: CounterRosterChangeRequest): number {
    if (this.regionOf(unitNo) === null) throw new ServiceError('NOT_FOUND', 404);
    const now = this.deps.now();
    const local = localTime(now, this.deps.offsetMinutes);
    return this.deps.db.transaction(() => {
      const existing = this.deps.roster.find(unitNo, req.docNo);
      let person: RosterPerson;
      if (existing) {
        person = { ...existing, name: req.name, status: req.status };
        if (req.baseFen !== undefined) person.baseFen = req.baseFen;
      } else {
        const id = checkDocument(req.docType, req.docNo);
        const gender = req.gender ?? (id.ok ? id.gender : undefined);
        const birthDate = req.birthDate ?? (id.ok ? id.birthDate : undefined);
        if (!gender || !birthDate) throw badRequest();
        person = {
          name: req.name,
          documentType: req.docType,
          documentNumber: normalizeIdInput(req.docNo),
          gender,
          birthDate,
          status: req.status,
          insuredFrom: req.insuredFrom ?? local.date,
          lastPaidMonth: '',
          baseFen: req.baseFen ?? this.ruleOf(unitNo, local.month)?.baseLowerFen ?? 0,
          kinds: { ...allKinds },
        };
      }
      if (req.status === 'stopped') {
        person.lastPaidMonth = req.lastPaidMonth ?? previousMonth(local.month);
      } else {
        person.lastPaidMonth = '';
        if (existing?.status === 'stopped') person.insuredFrom = req.insuredFrom ?? local.date;
      }
      return this.putPerson(unitNo, person, req.reason, now);
    })();
  }

  /** The reason an automatic return gives (demo `--auto-review return-if-name:<name>`). */
  static autoReturnReason(name: string): string {
    return describeError('AUTO_REVIEW_RETURNED', { name }).message;
  }
}
