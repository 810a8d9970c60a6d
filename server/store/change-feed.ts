// The per-unit change feed the clients pull: review results and roster changes, in seq order.
import type { Change } from '../../domain/protocol/sync';
import type { Db } from './database';

type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;
/** A change as it is appended; the feed gives it its seq. */
export type ChangeBody = WithoutSeq<Change>;

export interface ChangePage {
  /** `{"seq":…,…}` objects joined by commas: the rows are already JSON, so a 10,000-change pull is
   *  not parsed and re-serialized. */
  json: string;
  count: number;
  lastSeq: number | null;
  hasMore: boolean;
}

export class ChangeFeed {
  private readonly insert;
  private readonly page;
  private readonly maxSeq;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO changes (unit_no, type, data_json, at) VALUES (?, ?, ?, ?)',
    );
    this.page = db.prepare(
      'SELECT seq, data_json FROM changes WHERE unit_no = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
    this.maxSeq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'changes'");
  }

  /** Call inside the transaction that makes the change, so the feed never tells of what was undone. */
  append(unitNo: string, body: ChangeBody, at: number): number {
    const info = this.insert.run(unitNo, body.type, JSON.stringify(body), at);
    return Number(info.lastInsertRowid);
  }

  /** The highest seq ever given (any unit); 0 before the first change. */
  lastSeq(): number {
    const row = this.maxSeq.get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  after(unitNo: string, afterSeq: number, limit: number): ChangePage {
    const rows = this.page.all(unitNo, afterSeq, limit + 1) as { seq: number; data_json: string }[];
    const hasMore = rows.length > limit;
    if (hasMore) rows.pop();
    const parts = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      // data_json is a JSON object written by append(): splice the seq in as its first member.
      parts[i] = `{"seq":${row.seq},${row.data_json.slice(1)}`;
    }
    return {
      json: parts.join(','),
      count: rows.length,
      lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : null,
      hasMore,
    };
  }
}
