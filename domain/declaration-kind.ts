// The kinds of declaration: 增员, 减员, 缴费基数申报 (typed in by the person) and 月度申报
// (calculated from the roster). Every layer takes its list, schema and type from here.
import { z } from 'zod';

export const editableKinds = ['addition', 'reduction', 'base'] as const;
export const editableKindSchema = z.enum(editableKinds);
export type EditableKind = z.infer<typeof editableKindSchema>;

export const declarationKinds = [...editableKinds, 'monthly'] as const;
export const declarationKindSchema = z.enum(declarationKinds);
export type DeclarationKind = z.infer<typeof declarationKindSchema>;
