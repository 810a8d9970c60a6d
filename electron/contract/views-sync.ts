// What the renderer is shown about sync and the 业务记录 (business records): plain data,
// checked on both sides of the boundary.
import { z } from 'zod';
import { errorInfoSchema } from '../../domain/errors';

const iso = z.iso.datetime({ offset: true });

import { declarationKindSchema, type DeclarationKind } from '../../domain/declaration-kind';

export { declarationKindSchema, type DeclarationKind };

/** 草稿 / 待上传 / 已上传 / 审核中 / 已通过 / 被退回 */
export const declarationStateSchema = z.enum([
  'draft',
  'queued',
  'uploaded',
  'reviewing',
  'approved',
  'returned',
]);
export type DeclarationState = z.infer<typeof declarationStateSchema>;

/**
 * Why the outbox waits instead of sending: nobody logged in, no unit chosen, the U盾 that
 * opened the session was pulled out, or the session ended on the service. Never a PIN prompt.
 */
export const syncWaitingReasonSchema = z.enum([
  'not-logged-in',
  'no-unit',
  'token-removed',
  'certificate-expired',
  'session-expired',
]);
export type SyncWaitingReason = z.infer<typeof syncWaitingReasonSchema>;

export const syncStatusSchema = z.object({
  /**
   * idle: nothing to do; syncing: pushing or pulling; waiting: see waitingReason; offline: the
   * service is unreachable; maintenance: 503 until maintenanceUntil; error: a retry is planned.
   */
  state: z.enum(['idle', 'syncing', 'waiting', 'offline', 'maintenance', 'error']),
  unitNo: z.string().nullable(),
  lastSyncAt: iso.nullable(),
  pendingCount: z.number().int().nonnegative(),
  /** Mutations acknowledged so far out of those pending when the push started. */
  progress: z
    .object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() })
    .nullable(),
  maintenanceUntil: iso.nullable(),
  /** When the engine will try again by itself (offline, maintenance, error). */
  nextRetryAt: iso.nullable(),
  waitingReason: syncWaitingReasonSchema.nullable(),
  lastError: errorInfoSchema.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** One row of a draft that the service's roster now contradicts (e.g. 减员 of someone already stopped). */
export const conflictItemSchema = z.object({
  rowNo: z.number().int().nonnegative(),
  documentNumber: z.string(),
  name: z.string(),
  rosterStatus: z.enum(['insured', 'stopped']),
  code: z.string(),
  message: z.string(),
  detectedAt: iso,
});
export type ConflictItem = z.infer<typeof conflictItemSchema>;
export const conflictSchema = z.object({ items: z.array(conflictItemSchema) });

export const recordSummarySchema = z.object({
  id: z.string(),
  unitNo: z.string(),
  kind: declarationKindSchema,
  month: z.string(),
  title: z.string(),
  state: declarationStateSchema,
  rowCount: z.number().int().nonnegative(),
  returnReason: z.string().nullable(),
  hasConflict: z.boolean(),
  createdAt: iso,
  updatedAt: iso,
  submittedAt: iso.nullable(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

export const recordsListInputSchema = z
  .object({
    kind: declarationKindSchema.optional(),
    state: declarationStateSchema.optional(),
    /** Inclusive days, YYYY-MM-DD, on the business date (submitted, else created). */
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const recordsPageSchema = z.object({
  total: z.number().int().nonnegative(),
  items: z.array(recordSummarySchema),
});
export type RecordsPage = z.infer<typeof recordsPageSchema>;

export const recordEventSchema = z.object({
  at: iso,
  state: declarationStateSchema,
  source: z.enum(['local', 'server']),
  note: z.string().nullable(),
});
export type RecordEvent = z.infer<typeof recordEventSchema>;

/** What the service said about the declaration: its push result, then review results. */
export const serverResultSchema = z.object({
  status: z.enum(['accepted', 'rejected', 'returned', 'approved', 'reviewing', 'submitted']),
  code: z.string().optional(),
  message: z.string().optional(),
  at: iso,
});
export type ServerResult = z.infer<typeof serverResultSchema>;

export const recordDetailSchema = z.object({
  record: recordSummarySchema,
  /** Row data as saved (the declaration type's row schema); shown read-only. */
  rows: z.array(z.object({ rowNo: z.number().int(), data: z.record(z.string(), z.unknown()) })),
  events: z.array(recordEventSchema),
  serverResult: serverResultSchema.nullable(),
  conflict: conflictSchema.nullable(),
});
export type RecordDetail = z.infer<typeof recordDetailSchema>;

const declarationIdInput = z.string().min(1).max(64);

/** The sync section of the contract (spread into api.ts under its marker). */
export const syncMethods = {
  'sync.status': { input: z.object({}).strict(), output: syncStatusSchema },
  /** Sync now (resets the backoff); answers with the status after that cycle. */
  'sync.now': { input: z.object({}).strict(), output: syncStatusSchema },
  'records.list': { input: recordsListInputSchema, output: recordsPageSchema },
  'records.detail': {
    input: z.object({ id: declarationIdInput }).strict(),
    output: recordDetailSchema,
  },
  /** The person's choice for one conflicting draft row: keep it as it is, or discard it. */
  'records.resolveConflict': {
    input: z
      .object({
        id: declarationIdInput,
        rowNo: z.number().int().nonnegative(),
        choice: z.enum(['keep', 'discard']),
      })
      .strict(),
    output: recordDetailSchema,
  },
  /** A 被退回 declaration goes back to 草稿 (keeping the reason) to be fixed and resubmitted. */
  'records.reopen': {
    input: z.object({ id: declarationIdInput }).strict(),
    output: recordDetailSchema,
  },
} as const;

export const syncEvents = {
  'sync.status': syncStatusSchema,
} as const;
