// 按姓名或证件号码查找: the matches are highlighted; Enter moves to the next one.
import { useCallback, useState } from 'react';
import type { ShownRow } from '../model';

export function normalizeQuery(q: string): string {
  return q.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function textOf(row: ShownRow, key: 'name' | 'documentNumber'): string {
  const v = (row.data as { name?: unknown; documentNumber?: unknown })[key];
  return typeof v === 'string' ? v : '';
}

export function rowMatches(row: ShownRow, needle: string): boolean {
  return (
    needle !== '' &&
    (normalizeQuery(textOf(row, 'name')).includes(needle) ||
      normalizeQuery(textOf(row, 'documentNumber')).includes(needle))
  );
}

export function useFind(view: readonly ShownRow[]) {
  const [query, setQuery] = useState('');
  const needle = normalizeQuery(query);
  const matches = useCallback((row: ShownRow) => rowMatches(row, needle), [needle]);

  /** The next matching view row after `from`, wrapping; null when none. */
  const next = useCallback(
    (q: string, from: number): { row: number; at: number; of: number } | null => {
      setQuery(q);
      const n = normalizeQuery(q);
      if (n === '') return null;
      const hits: number[] = [];
      for (let i = 0; i < view.length; i++) if (rowMatches(view[i]!, n)) hits.push(i);
      if (hits.length === 0) return null;
      const k = hits.findIndex((h) => h > from);
      const at = k === -1 ? 0 : k;
      return { row: hits[at]!, at: at + 1, of: hits.length };
    },
    [view],
  );

  return { matches, next };
}
