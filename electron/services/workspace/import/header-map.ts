// Which row of a sheet is the header and which field each column fills, by the synonym table of
// domain/declarations/import-headers.ts. Templates often put a title or notes above the header,
// so the first rows are scanned and the one naming the most fields wins.
import {
  conceptFields,
  headerSynonyms,
  normalizeHeader,
  type HeaderConcept,
  type ImportTarget,
} from '../../../../domain/declarations/import-headers';
import { cellText, type RawCell } from '../sheet-cells';

export interface ColumnMapping {
  /** 0-based column in the sheet. */
  index: number;
  header: string;
  field: string | null;
}

export interface HeaderMatch {
  /** 0-based index of the header row in the table's rows. */
  headerIndex: number;
  columns: ColumnMapping[];
}

const conceptOf = new Map<string, HeaderConcept>();
for (const [concept, words] of Object.entries(headerSynonyms) as Array<
  [HeaderConcept, readonly string[]]
>) {
  for (const w of words) conceptOf.set(normalizeHeader(w), concept);
}

const SCAN_ROWS = 15;

export function fieldOfHeader(target: ImportTarget, header: string): string | null {
  const concept = conceptOf.get(normalizeHeader(header));
  if (!concept) return null;
  return (conceptFields[target] as Partial<Record<HeaderConcept, string>>)[concept] ?? null;
}

export function findHeader(target: ImportTarget, rows: readonly RawCell[][]): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  let bestCount = 0;
  for (let r = 0; r < Math.min(rows.length, SCAN_ROWS); r++) {
    const used = new Set<string>();
    const columns: ColumnMapping[] = [];
    let count = 0;
    rows[r]!.forEach((cell, index) => {
      const header = cellText(cell).trim();
      if (header === '') return;
      let field = fieldOfHeader(target, header);
      // The first column naming a field wins; a second one (e.g. 工资 beside 缴费工资) is unused.
      if (field !== null && used.has(field)) field = null;
      if (field !== null) {
        used.add(field);
        count++;
      }
      columns.push({ index, header, field });
    });
    if (count > bestCount) {
      best = { headerIndex: r, columns };
      bestCount = count;
    }
  }
  if (!best || bestCount < 2) return null;
  return withSubHeader(target, rows, best);
}

/**
 * Templates often put a group over merged cells (参保险种 over 养老 医疗 失业 工伤 生育) with the
 * real names in the row below. When that row names fields the header row left empty or only
 * grouped, its words fill those columns and the data starts after it.
 */
function withSubHeader(target: ImportTarget, rows: readonly RawCell[][], best: HeaderMatch) {
  const below = rows[best.headerIndex + 1];
  if (!below) return best;
  const byIndex = new Map(best.columns.map((c) => [c.index, c]));
  const used = new Set(best.columns.flatMap((c) => (c.field ? [c.field] : [])));
  const added: ColumnMapping[] = [];
  below.forEach((cell, index) => {
    const header = cellText(cell).trim();
    if (header === '') return;
    const field = fieldOfHeader(target, header);
    if (field === null || used.has(field)) return;
    const above = byIndex.get(index);
    const grouped = above?.field != null && field.startsWith(`${above.field}.`);
    if (above && above.field !== null && !grouped) return;
    used.add(field);
    added.push({ index, header, field });
  });
  if (added.length < 2) return best;
  const replaced = new Set(added.map((c) => c.index));
  const columns = [...best.columns.filter((c) => !replaced.has(c.index)), ...added].sort(
    (a, b) => a.index - b.index,
  );
  return { headerIndex: best.headerIndex + 1, columns };
}
