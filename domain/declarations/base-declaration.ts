// 缴费基数申报: last year's average monthly wage becomes this year's base, clamped to the bounds.
import { z } from 'zod';
import { clampBase, type BaseNote } from '../insurance/contribution';
import type { RegionRule } from '../insurance/region-table';
import { documentTypeSchema, draftFenSchema, draftTextSchema, unreadCellsSchema } from './fields';

export const baseRowSchema = z
  .object({
    name: draftTextSchema,
    documentType: documentTypeSchema.nullable(),
    documentNumber: draftTextSchema,
    /** 上年月均工资 in fen */
    lastYearAverageWageFen: draftFenSchema,
    /** Cells that could not be read, as written (see unreadCellsSchema). */
    raw: unreadCellsSchema,
  })
  .strict();
export type BaseRow = z.infer<typeof baseRowSchema>;
export type BaseField = keyof BaseRow | 'declaredBaseFen';

export interface DeclaredBase {
  /** 申报基数 in fen */
  declaredBaseFen: number;
  /** Why it differs from the wage, if it does because of a bound. */
  note: BaseNote | null;
}

export function declareBase(rule: RegionRule, lastYearAverageWageFen: number): DeclaredBase {
  const { baseFen, note } = clampBase(rule, lastYearAverageWageFen);
  return { declaredBaseFen: baseFen, note };
}
