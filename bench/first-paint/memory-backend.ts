// An in-memory workspace backend with the contract's shapes: generated declarations (up to
// 100,000 rows), edits with undo/redo, and validation by the same domain rules. For the
// first-paint benchmark; the app itself always uses the contract.
import type { MethodInput, MethodOutput } from '../../electron/contract/api';
import { residentIdCheckDigit } from '../../domain/ids';
import { validateBatch, type Batch } from '../../domain/declarations/checks';
import { indexRoster } from '../../domain/declarations/roster';
import type { AdditionRow } from '../../domain/declarations/addition';
import { parseRegionTable, ruleFor } from '../../domain/insurance/region-table';
import nationalTable from '../../resources/regions/national.json';
import { bulkFromRows } from '../../renderer/src/workspace/bulk';
import type {
  DeclarationSummary,
  EditOutcome,
  GridRow,
  RowData,
  WorkspaceBackend,
  WorkspaceMethod,
} from '../../renderer/src/workspace/model';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英';

function generatedAddition(i: number, month: string): AdditionRow {
  const year = 1970 + (i % 30);
  const mm = String((i % 12) + 1).padStart(2, '0');
  const dd = String((i % 28) + 1).padStart(2, '0');
  const seq = String(i % 1000).padStart(3, '0');
  const first17 = `320102${year}${mm}${dd}${seq}`;
  const male = Number(seq[2]) % 2 === 1;
  return {
    reason: 'newEnrolment',
    name: `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}${given[(i * 13) % given.length]}`,
    documentType: 'residentId',
    documentNumber: first17 + residentIdCheckDigit(first17),
    gender: male ? 'male' : 'female',
    birthDate: `${year}-${mm}-${dd}`,
    householdType: 'localUrban',
    employmentType: 'contract',
    insuredFrom: `${month}-01`,
    wageFen: 600_000 + (i % 200) * 1_000,
    kinds: { pension: true, medical: true, unemployment: true, injury: true, maternity: true },
    mobile: '',
  };
}

interface Stored {
  summary: DeclarationSummary;
  rows: GridRow[];
  nextRowNo: number;
  done: { undo: GridRow[]; redo: GridRow[]; removed: number[]; added: number[] }[];
  undone: { undo: GridRow[]; redo: GridRow[]; removed: number[]; added: number[] }[];
}

type Handlers = {
  [M in WorkspaceMethod]?: (input: MethodInput<M>) => MethodOutput<M>;
};

export function memoryBackend(options: { unitNo: string; rows: number; month: string }) {
  const store = new Map<string, Stored>();
  const now = () => new Date().toISOString();
  let seq = 0;
  const table = parseRegionTable(nationalTable);

  function add(kind: DeclarationSummary['kind'], month: string, count: number): Stored {
    const id = `MEM${String(++seq).padStart(6, '0')}`;
    const rows: GridRow[] = [];
    for (let i = 0; i < count; i++) rows.push({ rowNo: i, data: generatedAddition(i, month) });
    const s: Stored = {
      summary: {
        id,
        unitNo: options.unitNo,
        kind,
        month,
        title: `${month} 增员`,
        state: 'draft',
        rowCount: count,
        returnReason: null,
        createdAt: now(),
        updatedAt: now(),
        submittedAt: null,
      },
      rows,
      nextRowNo: count,
      done: [],
      undone: [],
    };
    store.set(id, s);
    return s;
  }
  add('addition', options.month, options.rows);

  function get(id: string): Stored {
    const s = store.get(id);
    if (!s) throw new Error(`no declaration ${id}`);
    return s;
  }

  function outcome(s: Stored, rows: GridRow[], removed: number[]): EditOutcome {
    s.summary = { ...s.summary, rowCount: s.rows.length, updatedAt: now() };
    return {
      rows,
      removedRowNos: removed,
      renumbered: false,
      canUndo: s.done.length > 0,
      canRedo: s.undone.length > 0,
      rejected: [],
    };
  }

  function apply(s: Stored, set: GridRow[], remove: number[]): void {
    const removed = new Set(remove);
    const byNo = new Map(set.map((r) => [r.rowNo, r]));
    const next: GridRow[] = [];
    for (const r of s.rows) {
      if (removed.has(r.rowNo)) continue;
      const c = byNo.get(r.rowNo);
      if (c) byNo.delete(r.rowNo);
      next.push(c ?? r);
    }
    next.push(...byNo.values());
    next.sort((a, b) => a.rowNo - b.rowNo);
    s.rows = next;
  }

  const handlers: Handlers = {
    'workspace.list': ({ unitNo }) => ({
      declarations: [...store.values()]
        .filter((s) => s.summary.unitNo === unitNo)
        .map((s) => s.summary),
    }),
    'workspace.create': ({ kind, month }) => add(kind, month, 0).summary,
    'workspace.delete': ({ declarationId }) => {
      store.delete(declarationId);
      return { deleted: true };
    },
    'workspace.open': ({ declarationId, firstPage }) => {
      const s = get(declarationId);
      return {
        declaration: s.summary,
        rows: s.rows.slice(0, firstPage ?? 200),
        total: s.rows.length,
        canUndo: s.done.length > 0,
        canRedo: s.undone.length > 0,
        region: null,
      };
    },
    'workspace.rows': ({ declarationId, offset, limit }) => {
      const s = get(declarationId);
      return { total: s.rows.length, rows: s.rows.slice(offset, offset + limit) };
    },
    'workspace.rowsBulk': ({ declarationId }) => bulkFromRows(get(declarationId).rows),
    'workspace.edit': ({ declarationId, changes, appends }) => {
      const s = get(declarationId);
      const before = new Map(s.rows.map((r) => [r.rowNo, r]));
      const changed = changes.map((c) => ({ rowNo: c.rowNo, data: c.data as RowData }));
      const added = appends.map((data) => ({ rowNo: s.nextRowNo++, data: data as RowData }));
      s.done.push({
        redo: [...changed, ...added],
        undo: changed.map((c) => before.get(c.rowNo)!).filter(Boolean),
        removed: [],
        added: added.map((a) => a.rowNo),
      });
      s.undone = [];
      apply(s, [...changed, ...added], []);
      return outcome(s, [...changed, ...added], []);
    },
    'workspace.deleteRows': ({ declarationId, rowNos }) => {
      const s = get(declarationId);
      const gone = s.rows.filter((r) => rowNos.includes(r.rowNo));
      s.done.push({ redo: [], undo: gone, removed: rowNos, added: [] });
      s.undone = [];
      apply(s, [], rowNos);
      return outcome(s, [], rowNos);
    },
    'workspace.undo': ({ declarationId }) => {
      const s = get(declarationId);
      const step = s.done.pop();
      if (!step) return outcome(s, [], []);
      s.undone.push(step);
      apply(s, step.undo, step.added);
      return outcome(s, step.undo, step.added);
    },
    'workspace.redo': ({ declarationId }) => {
      const s = get(declarationId);
      const step = s.undone.pop();
      if (!step) return outcome(s, [], []);
      s.done.push(step);
      apply(s, step.redo, step.removed);
      return outcome(s, step.redo, step.removed);
    },
    'workspace.validate': ({ declarationId }) => {
      const s = get(declarationId);
      if (!table.ok) throw new Error('region table');
      const lookup = ruleFor([table.table], '320102', s.summary.month);
      if (!lookup.ok) throw new Error('no rule');
      const batch = { kind: s.summary.kind, rows: s.rows.map((r) => r.data) } as Batch;
      const findings = validateBatch(batch, {
        rule: lookup.rule,
        roster: indexRoster([]),
        month: s.summary.month,
        today: new Date().toISOString().slice(0, 10),
      }).map((f) => ({ ...f, rowNo: s.rows[f.row]!.rowNo }));
      const errorCount = findings.filter((f) => f.severity === 'error').length;
      return { findings, errorCount, warningCount: findings.length - errorCount, totals: null };
    },
    'workspace.submit': ({ declarationId }) => {
      const s = get(declarationId);
      s.summary = { ...s.summary, state: 'queued', submittedAt: now() };
      return { declaration: s.summary, mutationId: `M${Date.now()}` };
    },
    'workspace.roster': () => ({ total: 0, people: [] }),
  };

  const backend: WorkspaceBackend = {
    async call<M extends WorkspaceMethod>(method: M, input: MethodInput<M>) {
      const handler = handlers[method] as ((i: MethodInput<M>) => MethodOutput<M>) | undefined;
      if (!handler) throw new Error(`${method} is not available in the in-memory workspace`);
      return handler(input);
    },
    onImportProgress: () => () => undefined,
    onSynced: () => () => undefined,
  };
  return { backend, firstId: [...store.keys()][0]! };
}
