// The workspace through its contract: inputs parsed as dispatch parses them, every answer valid
// against the output schema the renderer relies on, files as base64 or written to a chosen path.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../electron/contract/api';
import type { CallContext } from '../../electron/services/app-services-types';
import { workspaceHandlers } from '../../electron/services/workspace/workspace-handlers';
import {
  additionRow,
  makeWorkspace,
  MONTH,
  resourcesDir,
  rosterPerson,
  UNIT,
  type TestWorkspace,
} from './workspace-support';

let t: TestWorkspace;
let call: (method: string, input: unknown) => Promise<unknown>;
const ctx: CallContext = { transport: 'browser' };

beforeEach(() => {
  t = makeWorkspace();
  const handlers = workspaceHandlers({
    workspace: t.ws,
    imports: t.imports,
    resourcesDir,
  }) as Record<string, (input: unknown, ctx: CallContext) => Promise<unknown>>;
  call = async (method, input) => {
    const spec = api[method as keyof typeof api];
    const out = await handlers[method]!(spec.input.parse(input), ctx);
    return spec.output.parse(out);
  };
});
afterEach(() => t.close());

describe('workspace over the contract', () => {
  it('create, edit, undo, validate, export and submit answer with valid views', async () => {
    const d = (await call('workspace.create', {
      unitNo: UNIT.unitNo,
      kind: 'addition',
      month: MONTH,
    })) as { id: string };
    await call('workspace.edit', {
      declarationId: d.id,
      changes: [],
      appends: [additionRow(1), additionRow(2)],
    });
    await call('workspace.setCells', {
      declarationId: d.id,
      cells: [{ rowNo: 0, field: 'kinds.maternity', value: false }],
    });
    const opened = (await call('workspace.open', { declarationId: d.id })) as {
      total: number;
      canUndo: boolean;
    };
    expect(opened).toMatchObject({ total: 2, canUndo: true });
    const bulk = (await call('workspace.rowsBulk', { declarationId: d.id })) as {
      fields: string[];
      values: unknown[][];
    };
    expect(bulk.values[0]![bulk.fields.indexOf('kinds.maternity')]).toBe(false);
    await call('workspace.undo', { declarationId: d.id });
    const v = (await call('workspace.validate', { declarationId: d.id })) as { errorCount: number };
    expect(v.errorCount).toBe(0);
    const exported = (await call('workspace.export', { declarationId: d.id })) as {
      base64: string;
      fileName: string;
    };
    expect(exported.fileName).toBe('2024-07 增员.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(3);
    // The renderer can neither name a file for main to write nor one for it to read.
    await expect(
      call('workspace.export', { declarationId: d.id, savePath: join(t.dir, 'out.xlsx') }),
    ).rejects.toThrow(/savePath/);
    await expect(
      call('workspace.importPreview', { declarationId: d.id, file: { path: '/etc/passwd' } }),
    ).rejects.toThrow();
    const submitted = (await call('workspace.submit', { declarationId: d.id })) as {
      declaration: { state: string };
    };
    expect(submitted.declaration.state).toBe('queued');
    const list = (await call('workspace.list', { unitNo: UNIT.unitNo })) as {
      declarations: unknown[];
    };
    expect(list.declarations).toHaveLength(1);
  });

  it('import preview and commit through the contract, with the template as the file', async () => {
    const d = (await call('workspace.create', {
      unitNo: UNIT.unitNo,
      kind: 'addition',
      month: MONTH,
    })) as { id: string };
    const tpl = (await call('workspace.template', { kind: 'addition' })) as {
      base64: string;
      fileName: string;
    };
    expect(tpl.fileName).toBe('增员模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const head = (ws.getRow(1).values as string[]).slice(1);
    const row = additionRow(3);
    const put = (h: string, v: unknown) =>
      (ws.getCell(2, head.indexOf(h) + 1).value = v as ExcelJS.CellValue);
    put('姓名', row.name);
    put('证件号码', row.documentNumber);
    put('增员原因', '新参保');
    put('证件类型', '居民身份证');
    put('户籍性质', '本地城镇');
    put('用工形式', '劳动合同制');
    put('参保日期', '2024-07-01');
    put('缴费工资（元）', 8000);
    put('险种', '养老、医疗、失业、工伤、生育');
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = (await call('workspace.importPreview', {
      declarationId: d.id,
      file: { fileName: '增员.xlsx', base64 },
    })) as { previewId: string; issues: unknown[]; totalRows: number };
    expect(preview.totalRows).toBe(1);
    expect(preview.issues).toEqual([]);
    const committed = (await call('workspace.importCommit', {
      declarationId: d.id,
      previewId: preview.previewId,
    })) as { appended: number };
    expect(committed.appended).toBe(1);
    const rows = (await call('workspace.rows', { declarationId: d.id, offset: 0, limit: 10 })) as {
      rows: Array<{ data: unknown }>;
    };
    expect(rows.rows[0]!.data).toEqual(row);
  });

  it('a roster change written underneath (as sync does) is seen by the next 数据校验', async () => {
    const d = (await call('workspace.create', {
      unitNo: UNIT.unitNo,
      kind: 'addition',
      month: MONTH,
    })) as { id: string };
    await call('workspace.edit', { declarationId: d.id, changes: [], appends: [additionRow(9)] });
    expect(
      ((await call('workspace.validate', { declarationId: d.id })) as { errorCount: number })
        .errorCount,
    ).toBe(0);
    const p = rosterPerson(9);
    t.store
      .db()
      .prepare(
        "INSERT INTO roster VALUES (?, ?, 'residentId', ?, 'insured', ?, '2024-07-01T00:00:00.000Z')",
      )
      .run(UNIT.unitNo, p.documentNumber, p.name, JSON.stringify(p));
    const v = (await call('workspace.validate', { declarationId: d.id })) as {
      findings: Array<{ code: string }>;
    };
    expect(v.findings.map((f) => f.code)).toEqual(['ALREADY_INSURED']);
    const roster = (await call('workspace.roster', {
      unitNo: UNIT.unitNo,
      query: p.name.slice(0, 2),
    })) as { total: number };
    expect(roster.total).toBe(1);
  });

  it('lists the roster and computes a monthly declaration from it', async () => {
    t.ws.saveRoster(UNIT.unitNo, [rosterPerson(1), rosterPerson(2)]);
    const roster = (await call('workspace.roster', {
      unitNo: UNIT.unitNo,
      offset: 0,
      limit: 50,
    })) as { total: number };
    expect(roster.total).toBe(2);
    const monthly = (await call('workspace.create', {
      unitNo: UNIT.unitNo,
      kind: 'monthly',
      month: MONTH,
    })) as {
      id: string;
    };
    const rows = (await call('workspace.rows', {
      declarationId: monthly.id,
      offset: 0,
      limit: 10,
    })) as { total: number };
    expect(rows.total).toBe(2);
  });

  it('two declarations of one month and kind get titles that tell them apart', async () => {
    const first = (await call('workspace.create', {
      unitNo: UNIT.unitNo,
      kind: 'addition',
      month: MONTH,
    })) as {
      title: string;
    };
    const second = (await call('workspace.create', {
      unitNo: UNIT.unitNo,
      kind: 'addition',
      month: MONTH,
    })) as {
      title: string;
    };
    expect(first.title).toBe(`${MONTH} 增员`);
    expect(second.title).toBe(`${MONTH} 增员（2）`);
  });
});
