// `--auto-review <rule>` for the demo: a reviewer that takes each submitted declaration to 审核中
// and then decides it, after a delay so people can watch the states change.
import { z } from 'zod';
import { ServiceError } from '../errors';
import type { DeclarationStore } from '../store/declarations';
import { ReviewDesk } from './review-desk';

export type AutoReviewRule =
  { kind: 'none' } | { kind: 'approve' } | { kind: 'return-if-name'; name: string };

export class AutoReviewRuleError extends Error {
  constructor(spec: string) {
    super(`Bad --auto-review "${spec}": use approve, none or return-if-name:<name>.`);
    this.name = 'AutoReviewRuleError';
  }
}

export function parseAutoReviewRule(spec: string): AutoReviewRule {
  if (spec === 'none') return { kind: 'none' };
  if (spec === 'approve') return { kind: 'approve' };
  const m = /^return-if-name:(.{1,100})$/u.exec(spec);
  if (m && m[1]!.trim() !== '') return { kind: 'return-if-name', name: m[1]!.trim() };
  throw new AutoReviewRuleError(spec);
}

const namedRowSchema = z.object({ name: z.string() });

function namesIn(rowsJson: string): Set<string> {
  const names = new Set<string>();
  const rows = JSON.parse(rowsJson) as unknown;
  if (!Array.isArray(rows)) return names;
  for (const row of rows) {
    const parsed = namedRowSchema.safeParse(row);
    if (parsed.success) names.add(parsed.data.name.trim());
  }
  return names;
}

export class AutoReviewer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly desk: ReviewDesk,
    private readonly declarations: DeclarationStore,
    private readonly rule: AutoReviewRule,
    /** 0 decides at once, before the push is answered (tests); the demo waits a little. */
    private readonly delayMs: number,
  ) {}

  get enabled(): boolean {
    return this.rule.kind !== 'none';
  }

  /** Called after the push that accepted these declarations committed. */
  submitted(ids: readonly string[]): void {
    if (!this.enabled || this.closed) return;
    for (const id of ids) {
      if (this.delayMs === 0) {
        this.step(id, 'reviewing');
        this.step(id, 'decide');
      } else {
        this.later(Math.floor(this.delayMs / 2), () => this.step(id, 'reviewing'));
        this.later(this.delayMs, () => this.step(id, 'decide'));
      }
    }
  }

  /** After a restart: what was waiting for a decision is picked up again. */
  resume(): void {
    this.submitted(this.declarations.openIds());
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private step(id: string, what: 'reviewing' | 'decide'): void {
    const found = this.declarations.find(id);
    if (!found) return;
    try {
      if (what === 'reviewing') {
        if (found.state === 'submitted') this.desk.decide(id, 'reviewing', undefined);
        return;
      }
      if (found.state !== 'submitted' && found.state !== 'reviewing') return;
      const rule = this.rule;
      if (rule.kind === 'return-if-name' && namesIn(found.rowsJson).has(rule.name)) {
        this.desk.decide(id, 'return', ReviewDesk.autoReturnReason(rule.name));
      } else {
        this.desk.decide(id, 'approve', undefined);
      }
    } catch (e) {
      // A person at the review desk decided first: theirs stands.
      if (!(e instanceof ServiceError)) throw e;
    }
  }
}
