// The shapes of rows as SQLite hands them back. Every read goes through one of these, so a row
// changed by hand, by an older build or by a broken disk is caught where it enters, with the
// column that is wrong, instead of surfacing later as a wrong total or a blank cell.
import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { declarationKindSchema, declarationStateSchema } from '../../contract/views-sync';

const text = z.string();
const maybeText = z.string().nullable();
const count = z.number().int().min(0);

export const declarationDbRowSchema = z.object({
  id: text,
  unit_no: text,
  kind: declarationKindSchema,
  month: text,
  title: text,
  state: declarationStateSchema,
  return_reason: maybeText,
  created_at: text,
  updated_at: text,
  submitted_at: maybeText,
  row_count: count,
});
export type DeclarationDbRow = z.infer<typeof declarationDbRowSchema>;

/** A declaration as 业务记录 reads it: with what the service said and any conflict marks. */
export const recordDbRowSchema = declarationDbRowSchema.extend({
  conflict_json: maybeText,
  server_result_json: maybeText,
});
export type RecordDbRow = z.infer<typeof recordDbRowSchema>;

export const storedRowSchema = z.object({ row_no: z.number().int(), data_json: text });

export const editStepSchema = z.object({ seq: z.number().int(), ops_json: text });

export const historyCountsSchema = z.object({ done: count, undone: count });

export const countSchema = z.object({ n: count });

export const dataJsonSchema = z.object({ data_json: text });

export const rosterVersionSchema = z.object({ version: z.number().int() });

export const declarationStateRowSchema = z.object({
  state: declarationStateSchema,
  return_reason: maybeText,
});

export const draftDbRowSchema = z.object({
  id: text,
  kind: declarationKindSchema,
  conflict_json: maybeText,
});

export const eventDbRowSchema = z.object({
  at: text,
  state: text,
  source: text,
  note: maybeText,
});

export const outboxDbRowSchema = z.object({
  mutation_id: text,
  kind: text,
  payload_json: text,
  declaration_id: text,
});
export type OutboxDbRow = z.infer<typeof outboxDbRowSchema>;

export const outboxStateDbRowSchema = z.object({
  state: text,
  declaration_id: text,
  unit_no: text,
});

export const clientIdDbRowSchema = z.object({ client_id: text });

export const syncStateDbRowSchema = z.object({
  cursor: maybeText,
  last_sync_at: maybeText,
  last_error_code: maybeText,
  retry_at: maybeText,
});

export const idDbRowSchema = z.object({ id: text });

function parse<T>(schema: z.ZodType<T>, row: unknown): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success) throw new AppError('STORE_UNREADABLE', undefined, { cause: parsed.error });
  return parsed.data;
}

/** Parses one row read back, or undefined when there was none. */
export function one<T>(schema: z.ZodType<T>, row: unknown): T | undefined {
  return row === undefined ? undefined : parse(schema, row);
}

/** Parses every row read back. */
export function all<T>(schema: z.ZodType<T>, rows: readonly unknown[]): T[] {
  return rows.map((row) => parse(schema, row));
}
