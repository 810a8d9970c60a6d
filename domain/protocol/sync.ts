// The wire protocol of signed sync: the push of a signed batch of mutations, the pull
// of the unit's change feed, and the reviewer's calls. Pure schemas and helpers; each side hashes
// canonicalBatchBytes with its own crypto and signs/verifies declareSignedText (./auth).
import { z } from 'zod';
import { declarationKindSchema, type DeclarationKind } from '../declaration-kind';
import { monthSchema } from '../month';
import { documentTypeSchema } from '../declarations/fields';
import { rosterPersonSchema } from '../declarations/roster';
import { canonicalJson } from './canonical-json';

// --- limits (the client splits its outbox by them; the server refuses anything larger) ---

export const MAX_MUTATIONS_PER_BATCH = 1000;
export const MAX_ROWS_PER_MUTATION = 100_000;
/** Rows over all mutations of one batch. */
export const MAX_ROWS_PER_BATCH = 100_000;
/**
 * Request body limit of a push: what the largest real batch needs and no more. A 增员 row with
 * long real values is about 375 bytes of JSON and a mutation's envelope about 170, so 100,000 rows
 * in 1,000 mutations come to 36 MB; the rest is room for rows that carry more than usual. Checked
 * before a byte is read when the length is declared, and while reading when it is not — and only
 * after the caller's session was (server/routes/sync.ts).
 */
export const MAX_PUSH_BODY_BYTES = 48 * 1024 * 1024;
export const DEFAULT_CHANGES_LIMIT = 1000;
export const MAX_CHANGES_LIMIT = 10_000;

// --- identifiers ---

/** ULID: 26 characters of Crockford base32 (no I, L, O, U), the first at most 7 (48-bit time). */
export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const ulidSchema = z.string().regex(ULID_PATTERN, 'ULID');
export const clientIdSchema = z.union([ulidSchema, z.string().regex(UUID_PATTERN, 'UUID')]);
export const declarationIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z_-]+$/);
/** 单位编号: letters, digits and '-' only, so it is the same string in a path, a key and a log. */
export const unitNoSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[0-9A-Za-z-]+$/, 'unit number');

const isoDate = z.iso.datetime({ offset: true });
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
export const batchHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');

// --- push ---

/** A declaration's kind, as the wire calls it (`type`). */
export const declarationTypeSchema = declarationKindSchema;
export type DeclarationType = DeclarationKind;

/**
 * Rows stay `unknown` on the wire: the server checks them with the row schema and the rules of
 * domain/declarations for the payload's type, and rejects that one mutation (MUTATION_INVALID),
 * not the batch. Strict objects, so the parsed value hashes exactly like the value that was sent.
 */
export const declarationSubmitPayloadSchema = z.strictObject({
  declarationId: declarationIdSchema,
  type: declarationTypeSchema,
  month: monthSchema,
  rows: z.array(z.unknown()).max(MAX_ROWS_PER_MUTATION),
});
export type DeclarationSubmitPayload = z.infer<typeof declarationSubmitPayloadSchema>;

export const mutationSchema = z.strictObject({
  id: ulidSchema,
  kind: z.literal('declaration.submit'),
  payload: declarationSubmitPayloadSchema,
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  mutations: z.array(mutationSchema).min(1).max(MAX_MUTATIONS_PER_BATCH),
  batchHash: batchHashSchema,
  signature: base64.min(1).max(2_000),
  /** The signer's certificate, base64 DER. */
  certificate: base64.min(1).max(20_000),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** States of a declaration on the service: 已提交 → 审核中 → 审核通过 / 退回. */
export const serverDeclarationStates = ['submitted', 'reviewing', 'approved', 'returned'] as const;
export const serverDeclarationStateSchema = z.enum(serverDeclarationStates);
export type ServerDeclarationState = z.infer<typeof serverDeclarationStateSchema>;

export const mutationResultSchema = z.object({
  id: ulidSchema,
  status: z.enum(['accepted', 'rejected']),
  /** For a rejection: a catalogue code (MUTATION_INVALID, DECLARATION_CONFLICT, …). */
  code: z.string().min(1).max(64).optional(),
  /** zh-CN, for a rejection: what was wrong (the first finding for MUTATION_INVALID). */
  message: z.string().max(2000).optional(),
  /** The declaration's state right after this mutation was applied. */
  declarationState: serverDeclarationStateSchema.optional(),
  /** True when this mutation had been applied by an earlier push; the result is that first one. */
  duplicate: z.boolean().optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

/** One result per mutation, in the order of the request. */
export const pushResponseSchema = z.object({
  results: z.array(mutationResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** The canonical JSON (RFC 8785) of what a batch hash covers. */
export function canonicalBatchText(
  clientId: string,
  unitNo: string,
  mutations: readonly Mutation[],
): string {
  return canonicalJson({ clientId, unitNo, mutations });
}

/** The UTF-8 bytes whose lowercase hex SHA-256 is the batchHash. Hash them with your side's crypto. */
export function canonicalBatchBytes(
  clientId: string,
  unitNo: string,
  mutations: readonly Mutation[],
): Uint8Array {
  return new TextEncoder().encode(canonicalBatchText(clientId, unitNo, mutations));
}

// --- pull (the unit's change feed) ---

const seqSchema = z.number().int().positive();

export const declarationStateChangeSchema = z.object({
  seq: seqSchema,
  type: z.literal('declaration.state'),
  declarationId: declarationIdSchema,
  state: serverDeclarationStateSchema,
  /** Why a declaration was returned (退回原因); absent for other states. */
  reason: z.string().max(500).optional(),
  at: isoDate,
});
export type DeclarationStateChange = z.infer<typeof declarationStateChangeSchema>;

export const rosterStatusSchema = z.enum(['insured', 'stopped']);

/**
 * A change to the unit's roster: made at the counter (窗口办理), or the effect of an approved
 * declaration. The unit's initial roster arrives the same way, so a fresh client learns it from
 * the feed.
 */
export const rosterChangeSchema = z.object({
  seq: seqSchema,
  type: z.literal('roster.change'),
  unitNo: unitNoSchema,
  docNo: z.string().min(1).max(40),
  docType: documentTypeSchema,
  name: z.string().min(1).max(100),
  status: rosterStatusSchema,
  reason: z.string().max(500),
  /** The person as the service's roster now holds them, for the client's own roster and checks. */
  person: rosterPersonSchema.optional(),
  at: isoDate,
});
export type RosterChange = z.infer<typeof rosterChangeSchema>;

export const changeSchema = z.discriminatedUnion('type', [
  declarationStateChangeSchema,
  rosterChangeSchema,
]);
export type Change = z.infer<typeof changeSchema>;

/** Opaque to the client: store it and send it back as `cursor`. */
export const cursorSchema = z.string().min(1).max(64);

export const changesQuerySchema = z.object({
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_CHANGES_LIMIT).optional(),
});
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

export const changesResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** Where the next pull starts; equal to the request's cursor when nothing was new. */
  nextCursor: cursorSchema,
  hasMore: z.boolean(),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

// --- reviewer (the service's own staff; demo and tests) ---

export const reviewDecisionRequestSchema = z.strictObject({
  decision: z.enum(['reviewing', 'approve', 'return']),
  reason: z.string().min(1).max(500).optional(),
});
export type ReviewDecisionRequest = z.infer<typeof reviewDecisionRequestSchema>;

export const reviewDecisionResponseSchema = z.object({
  declarationId: declarationIdSchema,
  state: serverDeclarationStateSchema,
  seq: seqSchema,
});
export type ReviewDecisionResponse = z.infer<typeof reviewDecisionResponseSchema>;

export const counterRosterChangeRequestSchema = z.strictObject({
  docNo: z.string().min(1).max(40),
  docType: documentTypeSchema,
  name: z.string().min(1).max(100),
  status: rosterStatusSchema,
  reason: z.string().max(500),
  /** For a person the roster does not know yet; derived from a resident ID when absent. */
  gender: z.enum(['male', 'female']).optional(),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  insuredFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** 缴费截止月份 for a stop; the month before the change by default. */
  lastPaidMonth: monthSchema.optional(),
  baseFen: z.number().int().min(0).optional(),
});
export type CounterRosterChangeRequest = z.infer<typeof counterRosterChangeRequestSchema>;

export const counterRosterChangeResponseSchema = z.object({ seq: seqSchema });

export const maintenanceRequestSchema = z.strictObject({
  on: z.boolean(),
  retryAfterSeconds: z.number().int().min(1).max(86_400).optional(),
});
export type MaintenanceRequest = z.infer<typeof maintenanceRequestSchema>;

export const maintenanceResponseSchema = z.object({
  on: z.boolean(),
  retryAfterSeconds: z.number().int().min(1),
});
