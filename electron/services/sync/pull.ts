// One page of the unit's change feed after a cursor.
import { changesResponseSchema, type ChangesResponse } from '../../../domain/protocol/sync';
import type { ServiceClient } from '../net/service-client';

export interface PullArgs {
  bearer: string;
  unitNo: string;
  cursor: string | null;
  limit: number;
  timeoutMs: number;
}

export function changesPath(unitNo: string, cursor: string | null, limit: number): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return `/v1/units/${encodeURIComponent(unitNo)}/changes?${query.toString()}`;
}

export function pullPage(client: ServiceClient, args: PullArgs): Promise<ChangesResponse> {
  return client.request(changesPath(args.unitNo, args.cursor, args.limit), changesResponseSchema, {
    bearer: args.bearer,
    timeoutMs: args.timeoutMs,
  });
}
