// What an approved declaration does to the unit's roster: 增员 puts people on it, 减员 stops
// their kinds (or them), 缴费基数申报 sets their base. Rows were checked when submitted.
import { additionRowSchema } from '../../domain/declarations/addition';
import { baseRowSchema } from '../../domain/declarations/base-declaration';
import { reductionRowSchema } from '../../domain/declarations/reduction';
import {
  personKey,
  rosterPersonSchema,
  type RosterIndex,
  type RosterPerson,
} from '../../domain/declarations/roster';
import { checkDocument, normalizeIdInput } from '../../domain/ids';
import { clampBaseFen } from '../../domain/insurance/contribution';
import { anyKind, insuranceKinds, type KindFlags } from '../../domain/insurance/kinds';
import type { RegionRule } from '../../domain/insurance/region-table';
import {
  additionReasonLabels,
  declarationKindLabels,
  reductionReasonLabels,
} from '../../domain/labels';
import type { DeclarationType } from '../../domain/protocol/sync';

export interface RosterEffect {
  person: RosterPerson;
  /** Shown with the roster change: the declaration's reason. */
  reason: string;
}

function remainingKinds(insured: KindFlags, stop: KindFlags): KindFlags {
  const out = { ...insured };
  for (const kind of insuranceKinds) if (stop[kind]) out[kind] = false;
  return out;
}

/** The roster entries an approval writes; rows that no longer make sense are left out. */
export function rosterEffects(
  type: DeclarationType,
  rows: readonly unknown[],
  roster: RosterIndex,
  rule: RegionRule,
): RosterEffect[] {
  const effects: RosterEffect[] = [];
  const push = (person: RosterPerson, reason: string): void => {
    const checked = rosterPersonSchema.safeParse(person);
    if (checked.success) effects.push({ person: checked.data, reason });
  };
  for (const raw of rows) {
    if (type === 'addition') {
      const parsed = additionRowSchema.safeParse(raw);
      if (!parsed.success || parsed.data.documentType === null) continue;
      const row = parsed.data;
      const existing = roster.get(personKey(row.documentNumber));
      const id = checkDocument(row.documentType!, row.documentNumber);
      const gender = (id.ok ? id.gender : undefined) ?? row.gender ?? existing?.gender;
      const birthDate =
        (id.ok ? id.birthDate : undefined) ?? (row.birthDate || existing?.birthDate);
      if (!gender || !birthDate) continue;
      push(
        {
          name: row.name.trim(),
          documentType: row.documentType!,
          documentNumber: normalizeIdInput(row.documentNumber),
          gender,
          birthDate,
          status: 'insured',
          insuredFrom: row.insuredFrom,
          lastPaidMonth: '',
          baseFen: clampBaseFen(rule, row.wageFen ?? rule.baseLowerFen),
          kinds: row.kinds,
        },
        row.reason ? additionReasonLabels[row.reason] : declarationKindLabels.addition,
      );
    } else if (type === 'reduction') {
      const parsed = reductionRowSchema.safeParse(raw);
      if (!parsed.success) continue;
      const row = parsed.data;
      const existing = roster.get(personKey(row.documentNumber));
      if (!existing) continue;
      const kinds = remainingKinds(existing.kinds, row.stopKinds);
      const stopped = !anyKind(kinds);
      push(
        {
          ...existing,
          status: stopped ? 'stopped' : 'insured',
          lastPaidMonth: stopped ? row.lastPaidMonth : '',
          kinds: stopped ? existing.kinds : kinds,
        },
        row.reason ? reductionReasonLabels[row.reason] : declarationKindLabels.reduction,
      );
    } else if (type === 'base') {
      const parsed = baseRowSchema.safeParse(raw);
      if (!parsed.success || parsed.data.lastYearAverageWageFen === null) continue;
      const existing = roster.get(personKey(parsed.data.documentNumber));
      if (!existing) continue;
      push(
        { ...existing, baseFen: clampBaseFen(rule, parsed.data.lastYearAverageWageFen) },
        declarationKindLabels.base,
      );
    }
  }
  return effects;
}
