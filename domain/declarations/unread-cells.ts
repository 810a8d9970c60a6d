// 数据校验 over rows that may keep unread text: every kept cell is an error that names what was
// written and why it cannot be used, in place of the "未填写" the empty field would otherwise get.
import { validateBatch, type Batch, type BatchContext } from './checks';
import { fieldSpec, unreadReason, type DraftRow } from './field-table';
import { makeFinding, type Finding } from './findings';

/** validateBatch, with each kept (unread) cell reported as what it is. */
export function checkDeclarationRows(batch: Batch, ctx: BatchContext): Finding[] {
  const findings = validateBatch(batch, ctx);
  const rows = batch.rows as readonly DraftRow[];
  let kept: Map<number, Set<string>> | null = null;
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i]!.raw;
    if (!raw) continue;
    const keys = Object.keys(raw).filter((k) => fieldSpec(batch.kind, k));
    if (keys.length > 0) (kept ??= new Map()).set(i, new Set(keys));
  }
  if (!kept) return findings;
  const out: Finding[] = [];
  const added = new Set<number>();
  const addKept = (row: number): void => {
    if (added.has(row)) return;
    added.add(row);
    for (const key of kept.get(row)!) {
      const reason = unreadReason(batch.kind, rows[row]!, key);
      if (reason) out.push(makeFinding(reason.code, 'error', key, row, reason.params));
    }
  };
  for (const f of findings) {
    const keys = kept.get(f.row);
    if (keys) {
      addKept(f.row);
      if (keys.has(f.field)) continue; // the kept text is the news, not the empty field
    }
    out.push(f);
  }
  for (const row of kept.keys()) addKept(row);
  return out.sort((a, b) => a.row - b.row);
}
