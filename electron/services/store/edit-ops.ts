// The operations a workspace step is made of, and their inverses. A step (a typed cell, a paste,
// a fill-down, an import-free insert or delete) is a list of ops saved with its inverse in
// edit_log in the same transaction as the change itself, so undo never sees half a step.
import { z } from 'zod';
import type { RowData } from '../../contract/views-workspace';

export type EditOp =
  /** Rows set to this data (created when absent). */
  | { op: 'put'; rows: Array<[number, RowData]> }
  | { op: 'remove'; rowNos: number[] }
  /** Every row numbered `from` or more moves by `by` (an insert in the middle). */
  | { op: 'shift'; from: number; by: number };

/** The ops as the edit log holds them, with each row read by its kind's schema. */
export function editOpsSchema(row: z.ZodType): z.ZodType<EditOp[]> {
  const rowNo = z.number().int();
  return z.array(
    z.discriminatedUnion('op', [
      z.object({
        op: z.literal('put'),
        rows: z.array(z.tuple([rowNo, row.transform((data) => data as RowData)])),
      }),
      z.object({ op: z.literal('remove'), rowNos: z.array(rowNo) }),
      z.object({ op: z.literal('shift'), from: rowNo, by: rowNo }),
    ]),
  );
}

/** What the ops undo needs: the data each touched row had before (undefined: it did not exist). */
export type Before = (rowNo: number) => RowData | undefined;

/** The inverse of a list of ops, given the rows before the first op ran. */
export function invert(ops: readonly EditOp[], before: Before): EditOp[] {
  // Track the state op by op so a row touched twice in one step inverts to its first state.
  const shadow = new Map<number, RowData | undefined>();
  const read = (rowNo: number): RowData | undefined =>
    shadow.has(rowNo) ? shadow.get(rowNo) : before(rowNo);
  const out: EditOp[] = [];
  for (const op of ops) {
    switch (op.op) {
      case 'put': {
        const restore: Array<[number, RowData]> = [];
        const drop: number[] = [];
        for (const [rowNo, data] of op.rows) {
          const old = read(rowNo);
          if (old === undefined) drop.push(rowNo);
          else restore.push([rowNo, old]);
          shadow.set(rowNo, data);
        }
        const inv: EditOp[] = [];
        if (drop.length) inv.push({ op: 'remove', rowNos: drop });
        if (restore.length) inv.push({ op: 'put', rows: restore });
        out.push(...inv.reverse());
        break;
      }
      case 'remove': {
        const restore: Array<[number, RowData]> = [];
        for (const rowNo of op.rowNos) {
          const old = read(rowNo);
          if (old !== undefined) restore.push([rowNo, old]);
          shadow.set(rowNo, undefined);
        }
        if (restore.length) out.push({ op: 'put', rows: restore });
        break;
      }
      case 'shift':
        // Shifts only happen on their own (insertRows), before any put of the same step; the
        // shadow is then keyed by the new numbers, which is what later ops use.
        if (shadow.size > 0) throw new Error('shift must come first in a step');
        out.push({ op: 'shift', from: op.from + op.by, by: -op.by });
        // The gap the shift opened holds no row until a later op of the step puts one there.
        for (let r = op.from; r < op.from + op.by; r++) shadow.set(r, undefined);
        break;
    }
  }
  return out.reverse();
}
