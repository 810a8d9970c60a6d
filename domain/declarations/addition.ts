// 增员: people joining the unit's insurance.
import { z } from 'zod';
import {
  documentTypeSchema,
  draftDateSchema,
  draftFenSchema,
  draftTextSchema,
  employmentTypeSchema,
  genderSchema,
  householdTypeSchema,
  kindFlagsSchema,
  unreadCellsSchema,
} from './fields';

/** 新参保, 转入, 恢复缴费, 其他 */
export const additionReasons = ['newEnrolment', 'transferIn', 'resumption', 'other'] as const;
export type AdditionReason = (typeof additionReasons)[number];

export const additionRowSchema = z
  .object({
    reason: z.enum(additionReasons).nullable(),
    name: draftTextSchema,
    documentType: documentTypeSchema.nullable(),
    documentNumber: draftTextSchema,
    gender: genderSchema.nullable(),
    birthDate: draftDateSchema,
    householdType: householdTypeSchema.nullable(),
    employmentType: employmentTypeSchema.nullable(),
    /** 参保日期 */
    insuredFrom: draftDateSchema,
    /** 缴费工资 in fen */
    wageFen: draftFenSchema,
    kinds: kindFlagsSchema,
    /** 手机号码; optional */
    mobile: draftTextSchema,
    /** Cells that could not be read, as written (see unreadCellsSchema). */
    raw: unreadCellsSchema,
  })
  .strict();
export type AdditionRow = z.infer<typeof additionRowSchema>;
export type AdditionField = keyof AdditionRow;
