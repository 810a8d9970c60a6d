// The open declarations' rows in memory (the last few used), and the unit's roster with its
// index, over one ClientStore. Both follow the store's change events: the editor's own steps are
// applied here as they commit; a change made anywhere else (业务记录, sync, a recalculation)
// drops what is held, so the next read shows what is stored.
import { AppError } from '../../../domain/errors';
import {
  indexRoster,
  type RosterIndex,
  type RosterPerson,
} from '../../../domain/declarations/roster';
import type { DeclarationSummary, RowData } from '../../contract/views-workspace';
import type { EditOp } from '../store/edit-ops';
import type { ClientStore, StoreChange } from '../store/interface';

/** A declaration's rows in memory, in row_no order, mirroring what is committed. */
export interface Doc {
  meta: DeclarationSummary;
  rowNos: number[];
  rows: RowData[];
  pos: Map<number, number> | null;
}

interface RosterEntry {
  version: string;
  people: RosterPerson[];
  index: RosterIndex | null;
}

const MAX_CACHED_DOCS = 3;

function posOf(doc: Doc): Map<number, number> {
  if (!doc.pos) {
    doc.pos = new Map();
    for (let i = 0; i < doc.rowNos.length; i++) doc.pos.set(doc.rowNos[i]!, i);
  }
  return doc.pos;
}

export function rowOf(doc: Doc, rowNo: number): RowData | undefined {
  const i = posOf(doc).get(rowNo);
  return i === undefined ? undefined : doc.rows[i];
}

export function nextRowNo(doc: Doc): number {
  return doc.rowNos.length === 0 ? 0 : doc.rowNos[doc.rowNos.length - 1]! + 1;
}

/** Applies committed ops to the in-memory rows. */
export function applyToDoc(doc: Doc, ops: readonly EditOp[]): void {
  for (const op of ops) {
    switch (op.op) {
      case 'put':
        for (const [rowNo, data] of op.rows) {
          const i = posOf(doc).get(rowNo);
          if (i !== undefined) doc.rows[i] = data;
          else if (doc.rowNos.length === 0 || rowNo > doc.rowNos[doc.rowNos.length - 1]!) {
            doc.pos!.set(rowNo, doc.rowNos.length);
            doc.rowNos.push(rowNo);
            doc.rows.push(data);
          } else {
            let lo = 0;
            let hi = doc.rowNos.length;
            while (lo < hi) {
              const mid = (lo + hi) >> 1;
              if (doc.rowNos[mid]! < rowNo) lo = mid + 1;
              else hi = mid;
            }
            doc.rowNos.splice(lo, 0, rowNo);
            doc.rows.splice(lo, 0, data);
            doc.pos = null;
          }
        }
        break;
      case 'remove': {
        const gone = new Set(op.rowNos);
        const keepNos: number[] = [];
        const keepRows: RowData[] = [];
        for (let i = 0; i < doc.rowNos.length; i++) {
          if (gone.has(doc.rowNos[i]!)) continue;
          keepNos.push(doc.rowNos[i]!);
          keepRows.push(doc.rows[i]!);
        }
        doc.rowNos = keepNos;
        doc.rows = keepRows;
        doc.pos = null;
        break;
      }
      case 'shift':
        for (let i = 0; i < doc.rowNos.length; i++) {
          if (doc.rowNos[i]! >= op.from) doc.rowNos[i]! += op.by;
        }
        doc.pos = null;
        break;
    }
  }
}

export class DocumentCache {
  private readonly docs = new Map<string, Doc>();
  private readonly rosters = new Map<string, RosterEntry>();
  readonly off: () => void;

  constructor(readonly store: ClientStore) {
    this.off = store.onChange((change) => this.changed(change));
  }

  private changed(change: StoreChange): void {
    if (change.table === 'roster') {
      this.rosters.delete(change.unitNo);
      return;
    }
    // The editor's own steps are applied by applyToDoc; state and title are read fresh anyway.
    if (change.byEditor || !change.rows) return;
    if (change.id === null) this.docs.clear();
    else this.docs.delete(change.id);
  }

  /** The declaration with its rows, loading them when not held (most recently used kept). */
  doc(id: string): Doc {
    const meta = this.store.getDeclarationMeta(id);
    if (!meta) throw new AppError('DECLARATION_NOT_FOUND');
    let doc = this.docs.get(id);
    if (doc) {
      doc.meta = { ...meta, rowCount: doc.rowNos.length };
      this.docs.delete(id);
      this.docs.set(id, doc); // most recently used last
      return doc;
    }
    const { rowNos, rows } = this.store.readRows(id, meta.kind);
    doc = { meta: { ...meta, rowCount: rowNos.length }, rowNos, rows, pos: null };
    this.docs.set(id, doc);
    while (this.docs.size > MAX_CACHED_DOCS) this.docs.delete(this.docs.keys().next().value!);
    return doc;
  }

  /** The unit's roster, held while its version stays (the version also catches other writers). */
  private rosterEntry(unitNo: string): RosterEntry {
    const version = this.store.rosterVersion(unitNo);
    const cached = this.rosters.get(unitNo);
    if (cached?.version === version) return cached;
    const entry: RosterEntry = { version, people: this.store.roster(unitNo), index: null };
    this.rosters.set(unitNo, entry);
    return entry;
  }

  roster(unitNo: string): RosterPerson[] {
    return this.rosterEntry(unitNo).people;
  }

  /** The roster indexed by person, built once per roster version. */
  rosterIndex(unitNo: string): RosterIndex {
    const entry = this.rosterEntry(unitNo);
    return (entry.index ??= indexRoster(entry.people));
  }
}
