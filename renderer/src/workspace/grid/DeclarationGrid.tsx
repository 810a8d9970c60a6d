// The Excel-like declaration grid.
//
// Built on react-data-grid 7 (pinned beta): it virtualises rows and columns (100,000 rows paint
// only what is visible), supports React 19, frozen columns, a sticky header, summary rows,
// keyboard navigation (arrows, Tab, Home/End, PageUp/Down), in-cell editors and drag-fill. It has
// no range selection, so ranges, Excel TSV copy/paste, Ctrl+D, Delete and undo keys are layered on
// here, each in its own hook: the view (filters, sort), the range, the clipboard and find.
import { useCallback, useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import {
  DataGrid,
  renderSortIcon,
  type CalculatedColumn,
  type CellKeyboardEvent,
  type CellMouseEvent,
  type Column,
  type DataGridHandle,
} from 'react-data-grid';
import 'react-data-grid/lib/styles.css';
import './grid.css';
import { describeError } from '../../../../domain/errors';
import type { DraftRow, FieldContext } from '../../../../domain/declarations/field-table';
import { unreadReason } from '../../../../domain/declarations/field-table';
import { ui } from '../../../../domain/ui-text';
import type { ColumnSpec } from '../columns';
import { draftOf, type EditableKind, type EditBatch, type ShownRow } from '../model';
import { editorFor, type ViewRow } from './editors';
import {
  clearRange,
  fillDown,
  inRange,
  pasteBlock,
  type BatchResult,
  type Range,
} from './operations';
import { useClipboard } from './useClipboard';
import { useFind } from './useFind';
import { useGridView, type FindingIndex } from './useGridView';
import { useRangeSelection } from './useRangeSelection';

export { indexFindings, type FindingIndex } from './useGridView';

const t = ui.workspace;
const d = ui.workspaceData;
const ROW_NO_KEY = '__rowNo';
const PLACEHOLDER_ROW_NO = -1;

export interface GridHandle {
  /** Moves to the cell of a finding; clears filters that hide it. */
  jumpTo(rowNo: number, field: string): void;
  /** Next row whose name or document number contains `query`; null when none. */
  findNext(query: string): { at: number; of: number } | null;
  /** The rows and the first column of the selected range (for 设置选中行的本列). */
  selection(): { rows: ShownRow[]; column: ColumnSpec | null };
  focus(): void;
}

export interface DeclarationGridProps {
  columns: readonly ColumnSpec[];
  /** All rows, in the declaration's order. */
  rows: readonly ShownRow[];
  findings: FindingIndex;
  editable: boolean;
  /** The kind being edited (null for read-only grids). */
  kind: EditableKind | null;
  /** What reading a value needs besides its text (the unit's region). */
  context: FieldContext;
  /** A new row's data; when set, an empty line at the end accepts new rows. */
  blank: DraftRow | null;
  /** Text of the totals row by column key (the row-number column is '__rowNo'). */
  totals: Readonly<Record<string, string>> | null;
  onlyProblems: boolean;
  /** Called when a jump needs rows the problems filter hides. */
  onShowAllRows(): void;
  /** The grid's accessible name. */
  label: string;
  onEdit(batch: EditBatch): void;
  onUndo(): void;
  onRedo(): void;
  onNotice(message: string): void;
  ref?: Ref<GridHandle>;
}

/** The zh-CN reason a kept cell could not be read. */
function keptReason(kind: EditableKind, data: DraftRow, key: string): string {
  const r = unreadReason(kind, data, key);
  if (!r) return '';
  const info = describeError(r.code, r.params);
  return `${info.message}${info.action ? `\n${info.action}` : ''}`;
}

export function DeclarationGrid(props: DeclarationGridProps) {
  const { columns: specs, rows, findings, editable, kind, context, blank, totals } = props;
  const { onlyProblems, onEdit, onUndo, onRedo, onNotice, onShowAllRows, label, ref } = props;
  const gridRef = useRef<DataGridHandle>(null);
  const { view, viewIndex, positionOf, filters, setFilters, sortColumns, setSortColumns } =
    useGridView(rows, specs, findings, onlyProblems);
  const sel = useRangeSelection({ grid: gridRef, rowCount: view.length, colCount: specs.length });
  const { range, isMultiCell } = sel;
  const find = useFind(view);

  const gridRows = useMemo<ViewRow[]>(() => {
    const list = view as ViewRow[];
    if (!editable || !blank) return list;
    return [...list, { rowNo: PLACEHOLDER_ROW_NO, data: blank, placeholder: true }];
  }, [view, editable, blank]);

  const report = useCallback(
    (result: BatchResult, pasted: boolean) => {
      if (result.batch.changes.length + result.batch.appends.length > 0) onEdit(result.batch);
      if (result.rejected > 0) onNotice(d.kept(result.rejected));
      else if (result.noted > 0) onNotice(d.noted(result.noted));
      else if (pasted && result.cells > 1)
        onNotice(t.pasted(result.cells, result.batch.appends.length));
    },
    [onEdit, onNotice],
  );

  const clipboard = useClipboard({
    view,
    specs,
    range,
    editable,
    onPasteBlock: (block: string[][], at: Range) =>
      report(pasteBlock(view, specs, at, block, blank, context), true),
  });

  const rdgColumns = useMemo<Column<ViewRow, unknown>[]>(() => {
    const rowNoColumn: Column<ViewRow, unknown> = {
      key: ROW_NO_KEY,
      name: '#',
      width: 46,
      frozen: true,
      cellClass: 'ws-rowno',
      headerCellClass: 'ws-rowno',
      summaryCellClass: 'ws-summary ws-rowno',
      renderCell: ({ row }) => (row.placeholder ? '+' : (positionOf.get(row.rowNo) ?? 0) + 1),
      renderSummaryCell: () => totals?.[ROW_NO_KEY] ?? '',
    };
    const cols = specs.map<Column<ViewRow, unknown>>((spec, i) => ({
      key: spec.key,
      name: spec.label,
      width: spec.width,
      frozen: spec.frozen ?? false,
      sortable: true,
      resizable: true,
      editable: editable && spec.editable,
      renderEditCell: editable ? editorFor(spec) : undefined,
      editorOptions: spec.type === 'kinds' ? { displayCellContent: false } : undefined,
      summaryCellClass: spec.type === 'money' ? 'ws-summary ws-num' : 'ws-summary',
      cellClass: (row) => {
        const f = findings.get(row.rowNo)?.get(spec.key);
        const kept = !row.placeholder && spec.kept(row.data) !== undefined;
        let cls = spec.type === 'money' ? 'ws-num' : '';
        if (kept || f?.severity === 'error') cls += ' ws-cell-error';
        else if (f) cls += ' ws-cell-warning';
        if (isMultiCell && row.rowNo !== PLACEHOLDER_ROW_NO) {
          const vi = viewIndex.get(row.rowNo);
          if (vi !== undefined && inRange(range, vi, i)) cls += ' ws-in-range';
        }
        if ((spec.key === 'name' || spec.key === 'documentNumber') && find.matches(row))
          cls += ' ws-cell-match';
        return cls;
      },
      renderCell: ({ row }) => {
        const text = spec.format(row.data);
        const kept = row.placeholder ? undefined : spec.kept(row.data);
        const f = findings.get(row.rowNo)?.get(spec.key);
        if (kept === undefined && !f) return text;
        const title =
          kept !== undefined && kind
            ? keptReason(kind, draftOf(row.data), spec.key)
            : f
              ? `${f.message}${f.action ? `\n${f.action}` : ''}`
              : '';
        return (
          <span
            className="ws-cell-text"
            title={title}
            data-finding-code={f?.code}
            data-kept={kept !== undefined ? 'true' : undefined}
          >
            {text === '' ? '\u00a0' : text}
          </span>
        );
      },
      renderHeaderCell: ({ column, sortDirection }) => (
        <div className="ws-header">
          <span className="ws-header-label" title={spec.label}>
            {column.name}
            {renderSortIcon({ sortDirection })}
          </span>
          <input
            className="ws-filter"
            aria-label={`${spec.label}${t.filterPlaceholder}`}
            placeholder={t.filterPlaceholder}
            value={filters[spec.key] ?? ''}
            onClick={(e) => e.stopPropagation()}
            onMouseDown={(e) => e.stopPropagation()}
            onKeyDown={(e) => e.stopPropagation()}
            onChange={(e) => setFilters((old) => ({ ...old, [spec.key]: e.target.value }))}
          />
        </div>
      ),
      renderSummaryCell: () => totals?.[spec.key] ?? '',
    }));
    return [rowNoColumn, ...cols];
  }, [
    specs,
    editable,
    kind,
    findings,
    filters,
    setFilters,
    totals,
    positionOf,
    viewIndex,
    range,
    isMultiCell,
    find,
  ]);

  function moveTo(idx: number, rowIdx: number, focus = true) {
    gridRef.current?.setActivePosition({ idx, rowIdx }, { shouldFocus: focus });
    gridRef.current?.scrollToCell({ idx, rowIdx });
  }

  function onCellKeyDown(
    args: { mode: 'ACTIVE' | 'EDIT'; rowIdx: number; column?: CalculatedColumn<ViewRow, unknown> },
    event: CellKeyboardEvent,
  ) {
    if (args.mode !== 'ACTIVE') return;
    const ctrl = event.ctrlKey || event.metaKey;
    const stop = () => {
      event.preventGridDefault();
      event.preventDefault();
    };
    // The row-number column is a label, not a cell to stand on: Home, Ctrl+Home, ← and
    // Shift+Tab stop at the first data column.
    const atFirst = (args.column?.idx ?? 0) <= 1;
    const toFirst = (rowIdx: number) => {
      stop();
      moveTo(1, rowIdx);
      // The first data column is frozen, so scrolling "to" it does not scroll back left.
      const el = gridRef.current?.element;
      if (el) el.scrollLeft = 0;
    };
    if (!event.shiftKey && event.key === 'Home') return toFirst(ctrl ? 0 : args.rowIdx);
    if (atFirst && !event.shiftKey && event.key === 'ArrowLeft') return toFirst(args.rowIdx);
    if (atFirst && event.shiftKey && event.key === 'Tab') {
      stop();
      if (args.rowIdx > 0) moveTo(specs.length, args.rowIdx - 1);
      return;
    }
    if (sel.onKey(event)) return;
    const key = event.key.toLowerCase();
    if (ctrl && key === 'z') {
      stop();
      if (event.shiftKey) onRedo();
      else onUndo();
      return;
    }
    if (ctrl && key === 'y') {
      stop();
      onRedo();
      return;
    }
    if (ctrl && key === 'd' && editable && range) {
      stop();
      report(fillDown(view, specs, range), false);
      return;
    }
    if ((event.key === 'Delete' || event.key === 'Backspace') && editable && range) {
      stop();
      report(clearRange(view, specs, range, context), false);
    }
  }

  function onCellMouseDown(
    args: { rowIdx: number; column: CalculatedColumn<ViewRow, unknown> },
    event: CellMouseEvent,
  ) {
    sel.onCellMouseDown({ row: args.rowIdx, col: Math.max(0, args.column.idx - 1) }, event);
  }

  function onRowsChange(
    next: ViewRow[],
    change: { indexes: number[]; column: CalculatedColumn<ViewRow, unknown> },
  ) {
    const spec = specs[change.column.idx - 1];
    if (!spec) return;
    const result: BatchResult = {
      batch: { changes: [], appends: [] },
      cells: 0,
      rejected: 0,
      noted: 0,
    };
    for (const i of change.indexes) {
      const row = next[i]!;
      const before = gridRows[i]!;
      if (row.editText === undefined) continue;
      if (row.editText === spec.format(before.data)) continue;
      const w = spec.write(draftOf(before.data), row.editText, context);
      result.cells++;
      if (!w.ok) result.rejected++;
      if (w.note) result.noted++;
      if (row.placeholder) result.batch.appends.push(w.data);
      else result.batch.changes.push({ rowNo: row.rowNo, data: w.data });
    }
    report(result, false);
  }

  useImperativeHandle(
    ref,
    () => ({
      jumpTo(rowNo, field) {
        let vi = viewIndex.get(rowNo);
        if (vi === undefined) {
          // Hidden by a filter: show everything, then jump once the view has all rows.
          setFilters({});
          onShowAllRows();
          vi = positionOf.get(rowNo);
          if (sortColumns.length > 0) setSortColumns([]);
        }
        if (vi === undefined) return;
        const col = Math.max(
          0,
          specs.findIndex((s) => s.key === field),
        );
        const row = vi;
        sel.select({ row, col }, false);
        requestAnimationFrame(() => moveTo(col + 1, row));
      },
      findNext(q) {
        const hit = find.next(q, sel.anchor?.row ?? -1);
        if (!hit) return null;
        const col = Math.max(
          0,
          specs.findIndex((s) => s.key === 'name'),
        );
        sel.select({ row: hit.row, col }, false);
        moveTo(col + 1, hit.row, false);
        return { at: hit.at, of: hit.of };
      },
      selection() {
        if (!range) return { rows: [], column: null };
        return {
          rows: view.slice(range.top, Math.min(range.bottom, view.length - 1) + 1),
          column: specs[range.left] ?? null,
        };
      },
      focus() {
        const p = sel.anchor ?? { row: 0, col: 0 };
        moveTo(p.col + 1, p.row);
      },
    }),
    [
      viewIndex,
      positionOf,
      specs,
      view,
      sel,
      range,
      find,
      sortColumns.length,
      setFilters,
      setSortColumns,
      onShowAllRows,
    ],
  );

  return (
    <div
      className="ws-grid-wrap"
      onCopyCapture={clipboard.onCopy}
      onPasteCapture={clipboard.onPaste}
      onMouseMove={sel.onMouseMove}
      onMouseUp={sel.onMouseUp}
      data-testid="declaration-grid"
      data-row-count={view.length}
    >
      <DataGrid<ViewRow, unknown, number>
        ref={gridRef}
        className="rdg-light ws-grid"
        aria-label={label}
        aria-multiselectable
        columns={rdgColumns}
        rows={gridRows}
        rowKeyGetter={(r) => r.rowNo}
        rowHeight={28}
        headerRowHeight={52}
        summaryRowHeight={30}
        bottomSummaryRows={totals ? [{}] : undefined}
        sortColumns={sortColumns}
        onSortColumnsChange={(s) => setSortColumns(s.slice(-1))}
        onRowsChange={onRowsChange}
        onActivePositionChange={({ rowIdx, column }) => {
          if (!column || rowIdx < 0) return;
          if (column.idx === 0) {
            // A click on the row number selects the row.
            sel.selectRow(rowIdx);
            moveTo(1, rowIdx);
            return;
          }
          sel.onActiveCell({ row: rowIdx, col: column.idx - 1 });
        }}
        onCellKeyDown={onCellKeyDown}
        onCellMouseDown={onCellMouseDown}
        onCellPaste={({ row }) => row}
        onFill={({ columnKey, sourceRow, targetRow }) => {
          if (targetRow.placeholder) return targetRow;
          const spec = specs.find((s) => s.key === columnKey);
          if (!spec) return targetRow;
          const text = spec.format(sourceRow.data);
          return { ...targetRow, editText: text };
        }}
        rowClass={(r) => (r.placeholder ? 'ws-placeholder' : undefined)}
        renderers={{ noRowsFallback: <div className="ws-empty">{t.noDeclarations}</div> }}
      />
    </div>
  );
}
