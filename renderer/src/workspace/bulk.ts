// Rebuilds row objects from the columnar bulk answer (fields × values), the fast way 100,000
// rows cross the bridge. A field `kinds.pension` becomes `{ kinds: { pension } }`.
import type { GridRow, RowData, RowsBulk } from './model';

export function rowsFromBulk(bulk: RowsBulk): GridRow[] {
  const paths = bulk.fields.map((f) => f.split('.'));
  const out: GridRow[] = new Array(bulk.rowNos.length);
  for (let i = 0; i < bulk.rowNos.length; i++) {
    const values = bulk.values[i]!;
    const data: Record<string, unknown> = {};
    for (let c = 0; c < paths.length; c++) {
      const path = paths[c]!;
      // Cells kept as written travel as one JSON text per row (see row-kinds.ts).
      if (path[0] === 'raw') {
        const v = values[c];
        if (typeof v === 'string') data.raw = JSON.parse(v) as Record<string, string>;
      } else if (path.length === 1) data[path[0]!] = values[c];
      else {
        const group = (data[path[0]!] ??= {}) as Record<string, unknown>;
        group[path[1]!] = values[c];
      }
    }
    out[i] = { rowNo: bulk.rowNos[i]!, data: data as RowData };
  }
  return out;
}

/** The inverse, used by the in-memory backend. */
export function bulkFromRows(rows: readonly GridRow[]): RowsBulk {
  const first = rows[0]?.data as Record<string, unknown> | undefined;
  const fields: string[] = [];
  if (first) {
    for (const [k, v] of Object.entries(first)) {
      if (k === 'raw') continue;
      if (v !== null && typeof v === 'object') {
        for (const sub of Object.keys(v)) fields.push(`${k}.${sub}`);
      } else fields.push(k);
    }
  }
  const paths = fields.map((f) => f.split('.'));
  return {
    fields,
    rowNos: rows.map((r) => r.rowNo),
    values: rows.map((r) => {
      const d = r.data as Record<string, unknown>;
      return paths.map((p) => {
        const v = p.length === 1 ? d[p[0]!] : (d[p[0]!] as Record<string, unknown>)[p[1]!];
        return v as string | number | boolean | null;
      });
    }),
  };
}
