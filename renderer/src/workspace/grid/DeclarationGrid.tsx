// The Excel-like declaration grid.
//
// Built on react-data-grid 7 (pinned beta): it virtualises rows and columns (100,000 rows paint
// only what is visible), supports React 19, frozen columns, a sticky header, summary rows,
// keyboard navigation (arrows, Tab, Home/End, PageUp/Down), in-cell editors and drag-fill. It has
// no range selection, so ranges, Excel TSV copy/paste, Ctrl+D, Delete and undo keys are layered on
// here. Glide Data Grid declares React ≤ 18 and AG Grid's free edition lacks clipboard ranges.
import {
  useCallback,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type MouseEvent,
  type Ref,
} from 'react';
import {
  DataGrid,
  renderSortIcon,
  type CalculatedColumn,
  type CellKeyboardEvent,
  type CellMouseEvent,
  type Column,
  type DataGridHandle,
  type SortColumn,
} from 'react-data-grid';
import 'react-data-grid/lib/styles.css';
import './grid.css';
import { ui } from '../../../../domain/ui-text';
import type { Cells, ColumnSpec } from '../columns';
import type { CellFinding, EditBatch, GridRow, RowData } from '../model';
import { editorFor, type ViewRow } from './editors';
import {
  clearRange,
  copyRange,
  fillDown,
  inRange,
  pasteBlock,
  rangeOf,
  type BatchResult,
  type CellPos,
  type Range,
} from './operations';
import { parseTsv, toTsv } from './tsv';

const t = ui.workspace;
const ROW_NO_KEY = '__rowNo';
const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Findings by row and field, the worst one kept per cell. */
export type FindingIndex = ReadonlyMap<number, ReadonlyMap<string, CellFinding>>;

export function indexFindings(findings: readonly CellFinding[]): FindingIndex {
  const byRow = new Map<number, Map<string, CellFinding>>();
  for (const f of findings) {
    let cells = byRow.get(f.rowNo);
    if (!cells) byRow.set(f.rowNo, (cells = new Map()));
    const had = cells.get(f.field);
    if (!had || (had.severity === 'warning' && f.severity === 'error')) cells.set(f.field, f);
  }
  return byRow;
}

export interface GridHandle {
  /** Moves to the cell of a finding; clears filters that hide it. */
  jumpTo(rowNo: number, field: string): void;
  /** Next row whose name or document number contains `query`; null when none. */
  findNext(query: string): { at: number; of: number } | null;
  focus(): void;
}

export interface DeclarationGridProps {
  columns: readonly ColumnSpec[];
  /** All rows, in the declaration's order. */
  rows: readonly GridRow[];
  findings: FindingIndex;
  editable: boolean;
  /** A new row's data; when set, an empty line at the end accepts new rows. */
  blank: Cells | null;
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

interface Filter {
  [key: string]: string;
}

function isTextInput(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

function normalizeQuery(q: string): string {
  return q.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

const PLACEHOLDER_ROW_NO = -1;

export function DeclarationGrid(props: DeclarationGridProps) {
  const { columns: specs, rows, findings, editable, blank, totals, onlyProblems } = props;
  const { onEdit, onUndo, onRedo, onNotice, onShowAllRows, label, ref } = props;
  const gridRef = useRef<DataGridHandle>(null);
  const [sortColumns, setSortColumns] = useState<readonly SortColumn[]>([]);
  const [filters, setFilters] = useState<Filter>({});
  const [anchor, setAnchor] = useState<CellPos | null>(null);
  const [extent, setExtent] = useState<CellPos | null>(null);
  const [query, setQuery] = useState('');
  const dragging = useRef(false);
  /** Set while the grid moves the active cell itself and the range must stay. */
  const keepRange = useRef(false);

  const positionOf = useMemo(() => {
    const m = new Map<number, number>();
    rows.forEach((r, i) => m.set(r.rowNo, i));
    return m;
  }, [rows]);

  const activeFilters = useMemo(
    () =>
      Object.entries(filters)
        .filter(([, v]) => v.trim() !== '')
        .map(([key, v]) => ({ spec: specs.find((s) => s.key === key)!, needle: v.trim() }))
        .filter((f) => f.spec !== undefined),
    [filters, specs],
  );

  const view = useMemo<readonly GridRow[]>(() => {
    let list: readonly GridRow[] = rows;
    const problems = onlyProblems;
    if (activeFilters.length > 0 || problems) {
      list = rows.filter((r) => {
        if (problems && !findings.has(r.rowNo)) return false;
        const data = r.data as unknown as Cells;
        return activeFilters.every((f) => f.spec.format(data).includes(f.needle));
      });
    }
    const sort = sortColumns[0];
    if (sort) {
      const spec = specs.find((s) => s.key === sort.columnKey);
      if (spec) {
        const keyed = list.map((r) => ({ r, k: spec.sortValue(r.data as unknown as Cells) }));
        const dir = sort.direction === 'ASC' ? 1 : -1;
        keyed.sort((a, b) => {
          const c =
            typeof a.k === 'number' && typeof b.k === 'number'
              ? a.k - b.k
              : collator.compare(String(a.k), String(b.k));
          return c * dir;
        });
        list = keyed.map((x) => x.r);
      }
    }
    return list;
  }, [rows, activeFilters, sortColumns, specs, onlyProblems, findings]);

  const gridRows = useMemo<ViewRow[]>(() => {
    const list: ViewRow[] = view as ViewRow[];
    if (!editable || !blank) return list;
    return [
      ...list,
      { rowNo: PLACEHOLDER_ROW_NO, data: blank as unknown as RowData, placeholder: true },
    ];
  }, [view, editable, blank]);

  const viewIndex = useMemo(() => {
    const m = new Map<number, number>();
    view.forEach((r, i) => m.set(r.rowNo, i));
    return m;
  }, [view]);

  const range: Range | null = anchor && extent ? rangeOf(anchor, extent) : null;
  const isMultiCell = range !== null && (range.top !== range.bottom || range.left !== range.right);
  const needle = normalizeQuery(query);

  const matches = useCallback(
    (data: Cells) =>
      needle !== '' &&
      (normalizeQuery(String(data.name ?? '')).includes(needle) ||
        normalizeQuery(String(data.documentNumber ?? '')).includes(needle)),
    [needle],
  );

  const rdgColumns = useMemo<Column<ViewRow, unknown>[]>(() => {
    const rowNoColumn: Column<ViewRow, unknown> = {
      key: ROW_NO_KEY,
      name: '#',
      width: 58,
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
      editorOptions: spec.type === 'kinds' ? { displayCellContent: true } : undefined,
      summaryCellClass: 'ws-summary',
      cellClass: (row) => {
        const f = findings.get(row.rowNo)?.get(spec.key);
        let cls = spec.type === 'money' ? 'ws-num' : '';
        if (f) cls += f.severity === 'error' ? ' ws-cell-error' : ' ws-cell-warning';
        if (isMultiCell && row.rowNo !== PLACEHOLDER_ROW_NO) {
          const vi = viewIndex.get(row.rowNo);
          if (vi !== undefined && inRange(range, vi, i)) cls += ' ws-in-range';
        }
        if (
          (spec.key === 'name' || spec.key === 'documentNumber') &&
          matches(row.data as unknown as Cells)
        )
          cls += ' ws-cell-match';
        return cls;
      },
      renderCell: ({ row }) => {
        const text = spec.format(row.data as unknown as Cells);
        const f = findings.get(row.rowNo)?.get(spec.key);
        if (!f) return text;
        return (
          <span
            className="ws-cell-text"
            title={`${f.message}${f.action ? `\n${f.action}` : ''}`}
            data-finding-code={f.code}
          >
            {text === '' ? '\u00a0' : text}
          </span>
        );
      },
      renderHeaderCell: ({ column, sortDirection }) => (
        <div className="ws-header">
          <span className="ws-header-label">
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
    findings,
    filters,
    totals,
    positionOf,
    viewIndex,
    range,
    isMultiCell,
    matches,
  ]);

  const report = useCallback(
    (result: BatchResult, pasted: boolean) => {
      if (result.batch.changes.length + result.batch.appends.length > 0) onEdit(result.batch);
      if (result.rejected > 0) onNotice(t.unparsable(result.rejected));
      else if (pasted && result.cells > 1)
        onNotice(t.pasted(result.cells, result.batch.appends.length));
    },
    [onEdit, onNotice],
  );

  const currentRange = useCallback((): Range | null => range, [range]);

  const selectCell = useCallback(
    (pos: CellPos, extend: boolean) => {
      const max = gridRows.length - 1;
      const p = {
        row: Math.max(0, Math.min(max, pos.row)),
        col: Math.max(0, Math.min(specs.length - 1, pos.col)),
      };
      if (extend) setExtent(p);
      else {
        setAnchor(p);
        setExtent(p);
      }
      gridRef.current?.scrollToCell({ idx: p.col + 1, rowIdx: p.row });
    },
    [gridRows.length, specs.length],
  );

  function onCellKeyDown(
    args: { mode: 'ACTIVE' | 'EDIT'; rowIdx: number; column?: CalculatedColumn<ViewRow, unknown> },
    event: CellKeyboardEvent,
  ) {
    if (args.mode !== 'ACTIVE') return;
    const ctrl = event.ctrlKey || event.metaKey;
    // The row-number column is a label, not a cell to stand on: Home, Ctrl+Home, ← and
    // Shift+Tab stop at the first data column.
    const atFirst = (args.column?.idx ?? 0) <= 1;
    const toFirst = (rowIdx: number) => {
      event.preventGridDefault();
      event.preventDefault();
      gridRef.current?.setActivePosition({ idx: 1, rowIdx }, { shouldFocus: true });
      gridRef.current?.scrollToCell({ idx: 1, rowIdx });
      // The first data column is frozen, so scrolling "to" it does not scroll back left.
      const el = gridRef.current?.element;
      if (el) el.scrollLeft = 0;
    };
    if (!event.shiftKey && event.key === 'Home') return toFirst(ctrl ? 0 : args.rowIdx);
    if (atFirst && !event.shiftKey && event.key === 'ArrowLeft') return toFirst(args.rowIdx);
    if (atFirst && event.shiftKey && event.key === 'Tab') {
      event.preventGridDefault();
      event.preventDefault();
      if (args.rowIdx > 0)
        gridRef.current?.setActivePosition(
          { idx: specs.length, rowIdx: args.rowIdx - 1 },
          { shouldFocus: true },
        );
      return;
    }
    const key = event.key.toLowerCase();
    const r = currentRange();
    if (ctrl && key === 'z') {
      event.preventGridDefault();
      event.preventDefault();
      if (event.shiftKey) onRedo();
      else onUndo();
      return;
    }
    if (ctrl && key === 'y') {
      event.preventGridDefault();
      event.preventDefault();
      onRedo();
      return;
    }
    if (ctrl && key === 'a') {
      event.preventGridDefault();
      event.preventDefault();
      setAnchor({ row: 0, col: 0 });
      setExtent({ row: Math.max(0, view.length - 1), col: specs.length - 1 });
      return;
    }
    if (ctrl && key === 'd' && editable && r) {
      event.preventGridDefault();
      event.preventDefault();
      report(fillDown(view, specs, r), false);
      return;
    }
    if ((event.key === 'Delete' || event.key === 'Backspace') && editable && r) {
      event.preventGridDefault();
      event.preventDefault();
      report(clearRange(view, specs, r), false);
      return;
    }
    if (event.key === 'Escape' && isMultiCell && anchor) {
      setExtent(anchor);
      return;
    }
    if (event.shiftKey && extent && event.key.startsWith('Arrow')) {
      event.preventGridDefault();
      event.preventDefault();
      const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[
        event.key
      ] as [number, number] | undefined;
      if (d) selectCell({ row: extent.row + d[0], col: extent.col + d[1] }, true);
    }
  }

  function onCellMouseDown(
    args: { rowIdx: number; column: CalculatedColumn<ViewRow, unknown> },
    event: CellMouseEvent,
  ) {
    const pos = { row: args.rowIdx, col: Math.max(0, args.column.idx - 1) };
    if (event.shiftKey && anchor) {
      event.preventGridDefault();
      setExtent(pos);
      return;
    }
    dragging.current = true;
  }

  function cellAt(target: EventTarget | null): CellPos | null {
    if (!(target instanceof Element)) return null;
    const cell = target.closest('[role="gridcell"]');
    const row = cell?.closest('[role="row"]');
    if (!cell || !row) return null;
    const colIdx = Number(cell.getAttribute('aria-colindex')) - 2;
    const rowIdx = Number(row.getAttribute('aria-rowindex')) - 2;
    if (!Number.isFinite(colIdx) || !Number.isFinite(rowIdx) || rowIdx < 0) return null;
    return { row: rowIdx, col: Math.max(0, colIdx) };
  }

  function onMouseMove(event: MouseEvent) {
    if (!dragging.current || (event.buttons & 1) === 0 || !anchor) return;
    const pos = cellAt(event.target);
    if (pos && (pos.row !== extent?.row || pos.col !== extent.col)) setExtent(pos);
  }

  function onCopy(event: ClipboardEvent) {
    if (isTextInput(event.target)) return;
    const r = currentRange();
    if (!r) return;
    event.preventDefault();
    event.stopPropagation();
    event.clipboardData.setData('text/plain', toTsv(copyRange(view, specs, r)));
  }

  function onPaste(event: ClipboardEvent) {
    if (isTextInput(event.target) || !editable) return;
    const r = currentRange();
    if (!r) return;
    event.preventDefault();
    event.stopPropagation();
    const block = parseTsv(event.clipboardData.getData('text/plain'));
    if (block.length === 0) return;
    report(pasteBlock(view, specs, r, block, blank), true);
  }

  function onRowsChange(
    next: ViewRow[],
    data: { indexes: number[]; column: CalculatedColumn<ViewRow, unknown> },
  ) {
    const spec = specs[data.column.idx - 1];
    if (!spec) return;
    const changes: GridRow[] = [];
    const appends: RowData[] = [];
    let rejected = 0;
    for (const i of data.indexes) {
      const row = next[i]!;
      const before = gridRows[i]!;
      let cells = row.data as unknown as Cells;
      if (row.editText !== undefined) {
        const value = spec.parse(row.editText);
        if (value === undefined) {
          rejected++;
          continue;
        }
        if (JSON.stringify(value) === JSON.stringify((before.data as unknown as Cells)[spec.key]))
          continue;
        cells = { ...(before.data as unknown as Cells), [spec.key]: value };
      } else if (row.data === before.data) continue;
      if (row.placeholder) appends.push(cells as unknown as RowData);
      else changes.push({ rowNo: row.rowNo, data: cells as unknown as RowData });
    }
    if (rejected > 0) onNotice(t.unparsable(rejected));
    if (changes.length + appends.length > 0) onEdit({ changes, appends });
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
        const pos = { row: vi, col };
        setAnchor(pos);
        setExtent(pos);
        requestAnimationFrame(() => {
          gridRef.current?.setActivePosition(
            { idx: col + 1, rowIdx: pos.row },
            { shouldFocus: true },
          );
          gridRef.current?.scrollToCell({ idx: col + 1, rowIdx: pos.row });
        });
      },
      findNext(q) {
        setQuery(q);
        const n = normalizeQuery(q);
        if (n === '') return null;
        const hits: number[] = [];
        for (let i = 0; i < view.length; i++) {
          const d = view[i]!.data as unknown as Cells;
          if (
            normalizeQuery(String(d.name ?? '')).includes(n) ||
            normalizeQuery(String(d.documentNumber ?? '')).includes(n)
          )
            hits.push(i);
        }
        if (hits.length === 0) return null;
        const from = anchor?.row ?? -1;
        const k = hits.findIndex((h) => h > from);
        const at = k === -1 ? 0 : k;
        const row = hits[at]!;
        const col = Math.max(
          0,
          specs.findIndex((s) => s.key === 'name'),
        );
        setAnchor({ row, col });
        setExtent({ row, col });
        gridRef.current?.setActivePosition({ idx: col + 1, rowIdx: row }, { shouldFocus: false });
        gridRef.current?.scrollToCell({ idx: col + 1, rowIdx: row });
        return { at: at + 1, of: hits.length };
      },
      focus() {
        const p = anchor ?? { row: 0, col: 0 };
        gridRef.current?.setActivePosition(
          { idx: p.col + 1, rowIdx: p.row },
          { shouldFocus: true },
        );
      },
    }),
    [viewIndex, positionOf, specs, view, anchor, sortColumns.length, onShowAllRows],
  );

  return (
    <div
      className="ws-grid-wrap"
      onCopyCapture={onCopy}
      onPasteCapture={onPaste}
      onMouseMove={onMouseMove}
      onMouseUp={() => (dragging.current = false)}
      data-testid="declaration-grid"
      data-row-count={view.length}
    >
      <DataGrid<ViewRow, unknown, number>
        ref={gridRef}
        className="rdg-light ws-grid"
        aria-label={label}
        columns={rdgColumns}
        rows={gridRows}
        rowKeyGetter={(r) => r.rowNo}
        rowHeight={30}
        headerRowHeight={58}
        summaryRowHeight={32}
        bottomSummaryRows={totals ? [{}] : undefined}
        sortColumns={sortColumns}
        onSortColumnsChange={(s) => setSortColumns(s.slice(-1))}
        onRowsChange={onRowsChange}
        onActivePositionChange={({ rowIdx, column }) => {
          if (!column || rowIdx < 0) return;
          if (column.idx === 0) {
            // A click on the row number selects the row.
            setAnchor({ row: rowIdx, col: 0 });
            setExtent({ row: rowIdx, col: specs.length - 1 });
            keepRange.current = true;
            gridRef.current?.setActivePosition({ idx: 1, rowIdx }, { shouldFocus: true });
            return;
          }
          const pos = { row: rowIdx, col: column.idx - 1 };
          if (keepRange.current) {
            keepRange.current = false;
            return;
          }
          if (dragging.current || !anchor || pos.row !== extent?.row || pos.col !== extent.col) {
            setAnchor(pos);
            setExtent(pos);
          }
        }}
        onCellKeyDown={onCellKeyDown}
        onCellMouseDown={onCellMouseDown}
        onCellPaste={({ row }) => row}
        onFill={({ columnKey, sourceRow, targetRow }) =>
          targetRow.placeholder
            ? targetRow
            : {
                ...targetRow,
                data: {
                  ...(targetRow.data as unknown as Cells),
                  [columnKey]: structuredClone((sourceRow.data as unknown as Cells)[columnKey]),
                } as unknown as RowData,
              }
        }
        rowClass={(r) => (r.placeholder ? 'ws-placeholder' : undefined)}
        renderers={{ noRowsFallback: <div className="ws-empty">{t.noDeclarations}</div> }}
      />
    </div>
  );
}
