// Messages between the main thread and the spreadsheet-reading worker.
import type { RawTable } from '../import/read-table';

export interface WorkerRequest {
  fileName: string;
  bytes: ArrayBuffer;
  /** Rows after which reading stops, whatever the sheet declared. */
  maxRows: number;
}

export type WorkerReply =
  | { progress: number }
  | { table: RawTable }
  | { error: { code: string; params: Record<string, string | number> | null } };
