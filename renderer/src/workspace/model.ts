// The workspace as the renderer sees it. Screens talk to a WorkspaceBackend, never to the bridge
// directly: the app's backend is the contract (contract-backend.ts); an in-memory one with the
// same shapes (bench/first-paint/memory-backend.ts) feeds the first-paint benchmark.
import type { MethodInput, MethodOutput } from '../../../electron/contract/api';
import type {
  DeclarationSummary,
  FindingView,
  GridRow,
  RowData,
  workspaceMethods,
} from '../../../electron/contract/views-workspace';
import type { z } from 'zod';
import type { DraftRow } from '../../../domain/declarations/field-table';
import type { RosterPerson } from '../../../domain/declarations/roster';
import type { importProgressSchema } from '../../../electron/contract/views-workspace';

export type { DeclarationKind, DeclarationState } from '../../../electron/contract/views-sync';
export type {
  DeclarationSummary,
  EditableKind,
  EditOutcome,
  FileOutput,
  FindingView,
  GridRow,
  ImportIssue,
  ImportPreview,
  MonthlyLine,
  RowData,
  RowsBulk,
  ValidationResult,
} from '../../../electron/contract/views-workspace';

export type WorkspaceMethod = keyof typeof workspaceMethods;
export type ImportProgress = z.infer<typeof importProgressSchema>;

export interface WorkspaceBackend {
  call<M extends WorkspaceMethod>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  onImportProgress(listener: (progress: ImportProgress) => void): () => void;
  /** Called each time a sync round has finished (states may have changed on the service). */
  onSynced(listener: () => void): () => void;
}

/** A finding as the grid marks it (the contract's view, keyed by the stable row number). */
export type CellFinding = Pick<
  FindingView,
  'rowNo' | 'field' | 'code' | 'severity' | 'message' | 'action'
>;

/** One undoable step: changed rows (whole data) and appended rows. */
export interface EditBatch {
  changes: GridRow[];
  appends: RowData[];
}

export type { DeclarationSummary as Declaration };

/** A row as a grid shows it: a declaration's row, or a person of the roster (read-only). */
export interface ShownRow {
  rowNo: number;
  data: RowData | RosterPerson;
}

/** A row of an editable declaration (the grid edits only those; 月度申报 is read-only). */
export function draftOf(data: ShownRow['data']): DraftRow {
  return data as DraftRow;
}
