// GET /v1/units/:unitNo/declarations/:id/receipt: the service's 回执 for a declaration it took,
// what a clerk prints and files: the receipt number, when it was taken, and what was signed by whom.
import { z } from 'zod';
import { batchHashSchema, serverDeclarationStateSchema } from './sync';

export const receiptResponseSchema = z.object({
  receiptNo: z.string().min(1).max(64),
  declarationId: z.string().min(1).max(64),
  unitNo: z.string().min(1).max(32),
  acceptedAt: z.iso.datetime({ offset: true }),
  batchHash: batchHashSchema,
  signerCertSha256: z.string().regex(/^[0-9a-f]{64}$/),
  state: serverDeclarationStateSchema,
});
export type ReceiptResponse = z.infer<typeof receiptResponseSchema>;

export const receiptPath = (unitNo: string, id: string): string =>
  `/v1/units/${encodeURIComponent(unitNo)}/declarations/${encodeURIComponent(id)}/receipt`;
