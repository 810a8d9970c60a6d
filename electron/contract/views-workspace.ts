// What the renderer is shown of the declaration workspace: declarations, their rows,
// findings, import previews and files. Plain data, checked on both sides of the boundary.
import { z } from 'zod';
import { additionRowSchema } from '../../domain/declarations/addition';
import { reductionRowSchema } from '../../domain/declarations/reduction';
import { baseRowSchema } from '../../domain/declarations/base-declaration';
import { documentTypeSchema, kindFlagsSchema } from '../../domain/declarations/fields';
import { rosterPersonSchema } from '../../domain/declarations/roster';
import { contributionTotalsSchema } from '../../domain/declarations/monthly';
import { declarationKindSchema, declarationStateSchema } from './views-sync';
import { declarationIdSchema, unitNoSchema } from '../../domain/protocol/sync';
import { editableKindSchema, type EditableKind } from '../../domain/declaration-kind';
import { monthSchema } from '../../domain/month';

export { declarationKindSchema, declarationStateSchema };

const iso = z.iso.datetime({ offset: true });
const fen = z.number().int().min(0);

export { declarationIdSchema, unitNoSchema };
export { monthSchema };
/** A row's number in the store: stable while the row lives (edits never renumber it). */
export const rowNoSchema = z.number().int().min(0).max(10_000_000);

export { editableKindSchema, type EditableKind };

export const declarationSummarySchema = z.object({
  id: declarationIdSchema,
  unitNo: unitNoSchema,
  kind: declarationKindSchema,
  month: monthSchema,
  title: z.string().max(200),
  state: declarationStateSchema,
  rowCount: z.number().int().min(0),
  returnReason: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
  submittedAt: iso.nullable(),
});
export type DeclarationSummary = z.infer<typeof declarationSummarySchema>;

/** One computed line of a 月度申报: who, the clamped base and every kind's unit/personal part. */
export const monthlyLineSchema = z
  .object({
    name: z.string().max(200),
    documentType: documentTypeSchema,
    documentNumber: z.string().max(40),
    kinds: kindFlagsSchema,
    /** The roster's approved base (核定基数) before clamping. */
    declaredBaseFen: fen,
    /** The base contributions are computed on (clamped to the region's bounds). */
    baseFen: fen,
    // Every kind's unit and personal part, and the totals, as the domain computes them.
    ...contributionTotalsSchema.omit({ headcount: true }).shape,
  })
  .strict();
export type MonthlyLine = z.infer<typeof monthlyLineSchema>;

/** A row of any declaration kind; the service re-checks it against the declaration's own kind. */
export const rowDataSchema = z.union([
  additionRowSchema,
  reductionRowSchema,
  baseRowSchema,
  monthlyLineSchema,
]);
export type RowData = z.infer<typeof rowDataSchema>;
export const editableRowDataSchema = z.union([
  additionRowSchema,
  reductionRowSchema,
  baseRowSchema,
]);
export type EditableRowData = z.infer<typeof editableRowDataSchema>;

export const gridRowSchema = z.object({ rowNo: rowNoSchema, data: rowDataSchema });
export type GridRow = z.infer<typeof gridRowSchema>;

/** What an edit, undo or redo changed, so the grid updates without reloading. */
export const editOutcomeSchema = z.object({
  /** Rows whose data is now this (new or changed). */
  rows: z.array(gridRowSchema),
  /** Rows that no longer exist. */
  removedRowNos: z.array(rowNoSchema),
  /** Row numbers moved (an insert in the middle): reload the rows when true. */
  renumbered: z.boolean(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** Cells of a `setCells`/`fillDown` call whose value did not fit the field (kept as they were). */
  rejected: z.array(
    z.object({ rowNo: rowNoSchema, field: z.string(), code: z.string(), message: z.string() }),
  ),
});
export type EditOutcome = z.infer<typeof editOutcomeSchema>;

export const regionInfoSchema = z.object({
  code: z.string(),
  name: z.string(),
  validFrom: z.string(),
  /** How the unit's region was found: its own table, its province's, or the national default. */
  match: z.enum(['exact', 'province', 'national']),
  /** Figures of the table marked 示例 (examples), with their notes. */
  examples: z.array(z.object({ path: z.string(), note: z.string() })),
  baseLowerFen: fen,
  baseUpperFen: fen,
});
export type RegionInfo = z.infer<typeof regionInfoSchema>;

export const openedDeclarationSchema = z.object({
  declaration: declarationSummarySchema,
  /** The first page of rows, for a fast first paint; the rest through workspace.rows(Bulk). */
  rows: z.array(gridRowSchema),
  total: z.number().int().min(0),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  region: regionInfoSchema.nullable(),
});

export const rowsPageSchema = z.object({
  total: z.number().int().min(0),
  rows: z.array(gridRowSchema),
});

const cellValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/**
 * All rows as arrays of column values (flat fields; kind flags as `kinds.pension` …): for
 * 100,000 rows this is several times smaller and faster to carry and check than objects.
 */
export const rowsBulkSchema = z.object({
  fields: z.array(z.string()),
  rowNos: z.array(rowNoSchema),
  values: z.array(z.array(cellValueSchema)),
});
export type RowsBulk = z.infer<typeof rowsBulkSchema>;

export const severitySchema = z.enum(['error', 'warning']);
export const findingViewSchema = z.object({
  code: z.string(),
  severity: severitySchema,
  message: z.string(),
  action: z.string(),
  field: z.string(),
  /** Index of the row in the declaration's order (0-based). */
  row: z.number().int().min(0),
  rowNo: rowNoSchema,
});
export type FindingView = z.infer<typeof findingViewSchema>;

export const validationResultSchema = z.object({
  findings: z.array(findingViewSchema),
  errorCount: z.number().int().min(0),
  warningCount: z.number().int().min(0),
  /** 月度申报 only: the month's totals. */
  totals: contributionTotalsSchema.nullable(),
});
export type ValidationResult = z.infer<typeof validationResultSchema>;

export const submitResultSchema = z.object({
  declaration: declarationSummarySchema,
  /** The outbox row's id (a ULID made here). */
  mutationId: z.string(),
});

export const rosterPageSchema = z.object({
  total: z.number().int().min(0),
  people: z.array(rosterPersonSchema),
});

/**
 * A file the renderer hands over: the bytes the user picked or dropped. Never a path: the
 * renderer must not be able to make main read an arbitrary file.
 */
export const fileInputSchema = z
  .object({
    fileName: z.string().min(1).max(260),
    // 64 MB of file in base64.
    base64: z
      .string()
      .max(90_000_000)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  })
  .strict();
export type FileInput = z.infer<typeof fileInputSchema>;

/** A produced file goes back to the renderer, which saves it where the user says (a download). */
export const fileTargetSchema = z.object({}).strict();

export const fileOutputSchema = z.object({
  fileName: z.string(),
  base64: z.string(),
  bytes: z.number().int().min(0),
});
export type FileOutput = z.infer<typeof fileOutputSchema>;

export const importIssueSchema = z.object({
  /** Index into the file's data rows (0-based, blank rows skipped). */
  row: z.number().int().min(0),
  /** 1-based row in the file, as Excel shows it. */
  fileRow: z.number().int().min(1),
  field: z.string(),
  /** The file's header of the cell, or the field's label when the file had no such column. */
  column: z.string(),
  code: z.string(),
  severity: severitySchema,
  message: z.string(),
  action: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importPreviewSchema = z.object({
  previewId: z.string(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'xls', 'csv']),
  /** For csv: the text encoding found. */
  encoding: z.enum(['utf-8', 'gbk']).nullable(),
  sheetName: z.string().nullable(),
  /** 1-based row of the header in the file. */
  headerRow: z.number().int().min(1),
  mapping: z.array(
    z.object({
      /** 1-based column in the file. */
      column: z.number().int().min(1),
      header: z.string(),
      field: z.string().nullable(),
      label: z.string().nullable(),
    }),
  ),
  unrecognisedColumns: z.array(z.string()),
  /** Labels of required fields the file has no column for. */
  missingFields: z.array(z.string()),
  /** Rows the declaration already has: imported rows follow them in the grid. */
  existingRows: z.number().int().min(0),
  totalRows: z.number().int().min(0),
  /** Rows with no problem at all. */
  goodRows: z.number().int().min(0),
  /** Rows with at least one error (imported too, their cells kept as written). */
  errorRows: z.number().int().min(0),
  /** Rows with warnings only. */
  warningRows: z.number().int().min(0),
  issues: z.array(importIssueSchema),
  /** The first rows as they would be written (up to the requested limit), with their file rows. */
  rows: z.array(z.object({ fileRow: z.number().int().min(1), data: editableRowDataSchema })),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importProgressSchema = z.object({
  requestId: z.string(),
  stage: z.enum(['reading', 'validating', 'done']),
  done: z.number().int().min(0),
  /** Null while unknown (a streamed xlsx does not say how many rows it has). */
  total: z.number().int().min(0).nullable(),
});

// --- the methods and events of the workspace, spread into api.ts under its section marker ---

const declarationRef = z.object({ declarationId: declarationIdSchema }).strict();
const fieldName = z.string().min(1).max(40);

export const workspaceMethods = {
  /** Declarations of a unit, newest first. */
  'workspace.list': {
    input: z.object({ unitNo: unitNoSchema }).strict(),
    output: z.object({ declarations: z.array(declarationSummarySchema) }),
  },
  /** A new draft; a 月度申报 is computed at once from the roster and the region's rules. */
  'workspace.create': {
    input: z
      .object({
        unitNo: unitNoSchema,
        kind: declarationKindSchema,
        month: monthSchema,
        title: z.string().max(200).optional(),
      })
      .strict(),
    output: declarationSummarySchema,
  },
  'workspace.rename': {
    input: z.object({ declarationId: declarationIdSchema, title: z.string().max(200) }).strict(),
    output: declarationSummarySchema,
  },
  /** Drafts only. */
  'workspace.delete': { input: declarationRef, output: z.object({ deleted: z.literal(true) }) },
  'workspace.open': {
    input: z
      .object({
        declarationId: declarationIdSchema,
        firstPage: z.number().int().min(0).max(10_000).default(200),
      })
      .strict(),
    output: openedDeclarationSchema,
  },
  'workspace.rows': {
    input: z
      .object({
        declarationId: declarationIdSchema,
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(100_000),
      })
      .strict(),
    output: rowsPageSchema,
  },
  'workspace.rowsBulk': { input: declarationRef, output: rowsBulkSchema },
  /** Whole rows changed and appended: one undo step (a paste, a fill-down, a typed cell). */
  'workspace.edit': {
    input: z
      .object({
        declarationId: declarationIdSchema,
        changes: z
          .array(z.object({ rowNo: rowNoSchema, data: editableRowDataSchema }).strict())
          .max(200_000),
        appends: z.array(editableRowDataSchema).max(200_000),
      })
      .strict(),
    output: editOutcomeSchema,
  },
  /** Cells set to typed values (`kinds.pension` for one flag): one undo step. */
  'workspace.setCells': {
    input: z
      .object({
        declarationId: declarationIdSchema,
        cells: z
          .array(
            z
              .object({
                rowNo: rowNoSchema,
                field: fieldName,
                value: z.union([z.string().max(200), z.number(), z.boolean(), z.null()]),
              })
              .strict(),
          )
          .min(1)
          .max(2_000_000),
      })
      .strict(),
    output: editOutcomeSchema,
  },
  /** The value of `field` in `fromRowNo` copied into every row of `toRowNos`: one undo step. */
  'workspace.fillDown': {
    input: z
      .object({
        declarationId: declarationIdSchema,
        field: fieldName,
        fromRowNo: rowNoSchema,
        toRowNos: z.array(rowNoSchema).min(1).max(200_000),
      })
      .strict(),
    output: editOutcomeSchema,
  },
  /** Empty rows before `beforeRowNo` (or at the end when null); later rows are renumbered. */
  'workspace.insertRows': {
    input: z
      .object({
        declarationId: declarationIdSchema,
        beforeRowNo: rowNoSchema.nullable(),
        count: z.number().int().min(1).max(10_000),
      })
      .strict(),
    output: editOutcomeSchema,
  },
  'workspace.deleteRows': {
    input: z
      .object({
        declarationId: declarationIdSchema,
        rowNos: z.array(rowNoSchema).min(1).max(200_000),
      })
      .strict(),
    output: editOutcomeSchema,
  },
  'workspace.undo': { input: declarationRef, output: editOutcomeSchema },
  'workspace.redo': { input: declarationRef, output: editOutcomeSchema },
  /** 数据校验: every finding of the declaration against the roster and the region's rules. */
  'workspace.validate': { input: declarationRef, output: validationResultSchema },
  /** 月度申报: computed again from the roster as it is now. */
  'workspace.recalculate': { input: declarationRef, output: declarationSummarySchema },
  /** Draft → 待上传 with its outbox row; refused while errors remain or warnings are unconfirmed. */
  'workspace.submit': {
    input: z
      .object({ declarationId: declarationIdSchema, confirmWarnings: z.boolean().default(false) })
      .strict(),
    output: submitResultSchema,
  },
  /** 参保人员: by name or document number. */
  'workspace.roster': {
    input: z
      .object({
        unitNo: unitNoSchema,
        query: z.string().max(100).default(''),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(100_000).default(200),
      })
      .strict(),
    output: rosterPageSchema,
  },
  /** Replaces or merges the unit's roster from a file (until sync brings it from the service). */
  'workspace.rosterImport': {
    input: z.object({ unitNo: unitNoSchema, file: fileInputSchema }).strict(),
    output: z.object({ imported: z.number().int().min(0), issues: z.array(importIssueSchema) }),
  },
  /** Reads and checks a file without writing anything; progress as workspace.importProgress. */
  'workspace.importPreview': {
    input: z
      .object({
        declarationId: declarationIdSchema,
        file: fileInputSchema,
        requestId: z.string().max(64).optional(),
        rowLimit: z.number().int().min(0).max(100_000).default(500),
      })
      .strict(),
    output: importPreviewSchema,
  },
  /** Appends the previewed rows (all, or only those without errors) to the declaration. */
  'workspace.importCommit': {
    input: z
      .object({
        declarationId: declarationIdSchema,
        previewId: z.string().min(1).max(64),
        rows: z.enum(['all', 'valid']).default('all'),
      })
      .strict(),
    output: z.object({ appended: z.number().int().min(0), declaration: declarationSummarySchema }),
  },
  /** The rows with problems as xlsx, with a 错误原因 column. */
  'workspace.importErrorReport': {
    input: fileTargetSchema.extend({ previewId: z.string().min(1).max(64) }).strict(),
    output: fileOutputSchema,
  },
  /** xlsx of a view: chosen fields (default all) and rows in the order shown (default all). */
  'workspace.export': {
    input: fileTargetSchema
      .extend({
        declarationId: declarationIdSchema,
        fields: z.array(fieldName).max(60).optional(),
        rowNos: z.array(rowNoSchema).max(200_000).optional(),
      })
      .strict(),
    output: fileOutputSchema,
  },
  /** The blank template of a declaration kind (resources/templates). */
  'workspace.template': {
    input: fileTargetSchema.extend({ kind: editableKindSchema }).strict(),
    output: fileOutputSchema,
  },
} as const;

export const workspaceEvents = {
  'workspace.importProgress': importProgressSchema,
} as const;
