// 减员: people leaving the unit's insurance.
import { z } from 'zod';
import {
  documentTypeSchema,
  draftMonthSchema,
  draftTextSchema,
  kindFlagsSchema,
  unreadCellsSchema,
} from './fields';

/** 辞职, 辞退, 合同到期终止, 退休, 死亡, 转出, 其他 */
export const reductionReasons = [
  'resignation',
  'dismissal',
  'contractEnd',
  'retirement',
  'death',
  'transferOut',
  'other',
] as const;
export type ReductionReason = (typeof reductionReasons)[number];

export const reductionRowSchema = z
  .object({
    reason: z.enum(reductionReasons).nullable(),
    name: draftTextSchema,
    documentType: documentTypeSchema.nullable(),
    documentNumber: draftTextSchema,
    /** 停保险种 */
    stopKinds: kindFlagsSchema,
    /** 缴费截止月份 YYYY-MM */
    lastPaidMonth: draftMonthSchema,
    /** Cells that could not be read, as written (see unreadCellsSchema). */
    raw: unreadCellsSchema,
  })
  .strict();
export type ReductionRow = z.infer<typeof reductionRowSchema>;
export type ReductionField = keyof ReductionRow;
