// The unit's roster (参保人员) as the rules see it: who is insured, since when, for which kinds.
import { z } from 'zod';
import { normalizeIdInput } from '../ids';
import { documentTypeSchema, genderSchema, kindFlagsSchema } from './fields';
import { MAX_FEN } from '../money';
import { PeopleByKey } from './person-keys';

export const rosterPersonSchema = z
  .object({
    name: z.string().min(1).max(100),
    documentType: documentTypeSchema,
    documentNumber: z.string().min(1).max(40),
    gender: genderSchema,
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    status: z.enum(['insured', 'stopped']),
    /** 参保日期 YYYY-MM-DD */
    insuredFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** 缴费截止月份 of a stopped person, '' while insured. */
    lastPaidMonth: z.string().regex(/^(\d{4}-\d{2})?$/),
    /** The approved base (核定基数) in fen. */
    baseFen: z.number().int().min(0).max(MAX_FEN),
    kinds: kindFlagsSchema,
  })
  .strict();
export type RosterPerson = z.infer<typeof rosterPersonSchema>;

/** People are matched on their normalized document number (full-width, spaces, lowercase x folded). */
export function personKey(documentNumber: string): string {
  return normalizeIdInput(documentNumber);
}

/** The roster by person key: one lookup, or a whole batch matched at once. */
export type RosterIndex = PeopleByKey<RosterPerson>;

/** Build once per roster; when two people share a key, the later one counts. */
export function indexRoster(roster: readonly RosterPerson[]): RosterIndex {
  return new PeopleByKey(roster, (p) => personKey(p.documentNumber));
}
