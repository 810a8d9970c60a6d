// Excel's range selection over the grid: click, Shift+click and drag; Shift+arrows one cell at a
// time; Ctrl+Shift+arrows to the edge of the data; Ctrl+A everything. react-data-grid has an
// active cell but no ranges, so the range lives here and the grid paints it.
import { useCallback, useRef, useState, type MouseEvent, type RefObject } from 'react';
import type { CellKeyboardEvent, DataGridHandle } from 'react-data-grid';
import { rangeOf, type CellPos, type Range } from './operations';

const arrows: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

export function useRangeSelection(opts: {
  grid: RefObject<DataGridHandle | null>;
  /** Rows in the view (the placeholder line for a new row excluded). */
  rowCount: number;
  colCount: number;
}) {
  const { grid, rowCount, colCount } = opts;
  const [anchor, setAnchor] = useState<CellPos | null>(null);
  const [extent, setExtent] = useState<CellPos | null>(null);
  const dragging = useRef(false);
  /** Set while the grid moves the active cell itself and the range must stay. */
  const keepRange = useRef(false);

  const range: Range | null = anchor && extent ? rangeOf(anchor, extent) : null;
  const isMultiCell = range !== null && (range.top !== range.bottom || range.left !== range.right);

  const clamp = useCallback(
    (p: CellPos): CellPos => ({
      row: Math.max(0, Math.min(Math.max(0, rowCount - 1), p.row)),
      col: Math.max(0, Math.min(colCount - 1, p.col)),
    }),
    [rowCount, colCount],
  );

  /** Moves the range's far corner (extend) or starts a new range at `pos`. */
  const select = useCallback(
    (pos: CellPos, extend: boolean) => {
      const p = clamp(pos);
      if (extend) setExtent(p);
      else {
        setAnchor(p);
        setExtent(p);
      }
      grid.current?.scrollToCell({ idx: p.col + 1, rowIdx: p.row });
    },
    [clamp, grid],
  );

  const selectAll = useCallback(() => {
    setAnchor({ row: 0, col: 0 });
    setExtent({ row: Math.max(0, rowCount - 1), col: colCount - 1 });
  }, [rowCount, colCount]);

  const selectRow = useCallback(
    (row: number) => {
      setAnchor({ row, col: 0 });
      setExtent({ row, col: colCount - 1 });
      keepRange.current = true;
    },
    [colCount],
  );

  /** Range keys; true when the key was handled. */
  function onKey(event: CellKeyboardEvent): boolean {
    const ctrl = event.ctrlKey || event.metaKey;
    const stop = () => {
      event.preventGridDefault();
      event.preventDefault();
    };
    if (ctrl && !event.shiftKey && event.key.toLowerCase() === 'a') {
      stop();
      selectAll();
      return true;
    }
    if (event.key === 'Escape' && isMultiCell && anchor) {
      setExtent(anchor);
      return true;
    }
    const d = arrows[event.key];
    if (event.shiftKey && d && extent) {
      stop();
      if (ctrl) {
        // To the edge of the data, as Excel's Ctrl+Shift+arrow does on a filled table.
        const to = {
          row: d[0] < 0 ? 0 : d[0] > 0 ? rowCount - 1 : extent.row,
          col: d[1] < 0 ? 0 : d[1] > 0 ? colCount - 1 : extent.col,
        };
        select(to, true);
      } else select({ row: extent.row + d[0], col: extent.col + d[1] }, true);
      return true;
    }
    return false;
  }

  /** A mouse press on a cell: Shift extends the range, else a drag may start. */
  function onCellMouseDown(pos: CellPos, event: { shiftKey: boolean; preventGridDefault(): void }) {
    if (event.shiftKey && anchor) {
      event.preventGridDefault();
      setExtent(clamp(pos));
      return;
    }
    // A plain click starts a new range here, even on the cell that is already active.
    const p = clamp(pos);
    setAnchor(p);
    setExtent(p);
    dragging.current = true;
  }

  function onMouseMove(event: MouseEvent) {
    if (!dragging.current || (event.buttons & 1) === 0 || !anchor) return;
    const pos = cellAt(event.target);
    if (pos && (pos.row !== extent?.row || pos.col !== extent.col)) setExtent(clamp(pos));
  }

  function onMouseUp() {
    dragging.current = false;
  }

  /** The grid moved its active cell (click, arrows, Tab): a new one-cell range there. */
  function onActiveCell(pos: CellPos) {
    if (keepRange.current) {
      keepRange.current = false;
      return;
    }
    if (dragging.current || !anchor || pos.row !== extent?.row || pos.col !== extent.col) {
      setAnchor(pos);
      setExtent(pos);
    }
  }

  return {
    anchor,
    extent,
    range,
    isMultiCell,
    select,
    selectRow,
    onKey,
    onCellMouseDown,
    onMouseMove,
    onMouseUp,
    onActiveCell,
  };
}

/** The view position of the cell under the pointer. */
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
