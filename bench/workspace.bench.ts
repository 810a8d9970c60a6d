// The workspace over a real database: import + validate a 50,000-row xlsx (and its
// ratio to a bare exceljs parse of the same file), validate + calculate 100,000 rows through the
// service, the bulk read of 100,000 rows across the contract, and RSS with 100,000 rows loaded.
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { rowsBulkSchema } from '../electron/contract/views-workspace';
import {
  additionRow,
  makeWorkspace,
  MONTH,
  nameOf,
  nthId,
  rosterPerson,
  UNIT,
} from '../tests/integration/workspace-support';
import { NO_GOAL, type BenchResult } from './support/results';
import { median } from './support/stats';

const IMPORT_ROWS = 50_000;
const BIG = 100_000;
const RUNS = 3;

async function makeXlsx(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('增员');
  ws.addRow([
    '姓名',
    '证件类型',
    '公民身份号码',
    '增员原因',
    '户籍性质',
    '用工形式',
    '参保日期',
    '缴费工资（元）',
    '险种',
    '手机号码',
  ]);
  for (let i = 0; i < rows; i++) {
    ws.addRow([
      nameOf(i),
      '居民身份证',
      nthId(i),
      '新参保',
      '本地城镇',
      '劳动合同制',
      '2024-07-01',
      6000 + (i % 5000),
      '全部',
      `139${String(i).padStart(8, '0')}`,
    ]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function bareParse(bytes: Uint8Array): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let n = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      if (row.values) n++;
    }
    break;
  }
  return n;
}

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const RSS_CHILD = '--workspace-rss-child';

/** In the child: open the workspace, load both declarations, validate them, print RSS. */
function rssChild(dir: string, addition: string, monthly: string): void {
  const t = makeWorkspace(dir);
  const bulk = t.ws.rowsBulk(addition);
  t.ws.open(monthly, 200);
  const a = t.ws.validate(addition);
  const m = t.ws.validate(monthly);
  if (bulk.values.length !== BIG || a.errorCount !== 0 || m.totals?.headcount !== BIG) {
    throw new Error('RSS child: data not as expected');
  }
  console.log(`RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)}`);
  t.store.close();
}

if (process.argv[2] === RSS_CHILD) rssChild(process.argv[3]!, process.argv[4]!, process.argv[5]!);

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const t = makeWorkspace();
  try {
    // --- import ---
    const bytes = await makeXlsx(IMPORT_ROWS);
    const bare: number[] = [];
    const full: number[] = [];
    const imported: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const b = await time(() => bareParse(bytes));
      if (b.value !== IMPORT_ROWS + 1) throw new Error(`bare parse read ${b.value} rows`);
      bare.push(b.ms);
      const id = t.ws.create({ unitNo: UNIT.unitNo, kind: 'addition', month: MONTH }).id;
      const p = await time(() =>
        t.imports.preview(id, { fileName: 'big.xlsx', bytes }, { rowLimit: 0 }),
      );
      if (p.value.totalRows !== IMPORT_ROWS || p.value.errorRows !== 0) {
        throw new Error(`import saw ${p.value.totalRows} rows, ${p.value.errorRows} with errors`);
      }
      imported.push(p.ms);
      t.ws.delete(id);
    }
    const loaded = await time(async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      return wb.worksheets[0]!.rowCount;
    });
    full.push(loaded.ms);
    const importMs = median(imported);
    const bareMs = median(bare);
    results.push(
      {
        name: `import + validate ${IMPORT_ROWS} rows xlsx`,
        value: Math.round(importMs),
        unit: 'ms',
        goal: '≤ 5000 ms',
      },
      {
        name: 'import ÷ bare exceljs stream parse',
        value: Number((importMs / bareMs).toFixed(2)),
        unit: '×',
        goal: '≤ 1.5',
      },
      {
        name: 'bare exceljs stream parse (context)',
        value: Math.round(bareMs),
        unit: 'ms',
        goal: NO_GOAL,
      },
      {
        name: 'exceljs workbook.load of the file (context)',
        value: Math.round(median(full)),
        unit: 'ms',
        goal: NO_GOAL,
      },
    );

    // --- 100,000 rows: validate + calculate through the service ---
    t.ws.saveRoster(
      UNIT.unitNo,
      Array.from({ length: BIG }, (_, i) => rosterPerson(i + BIG)),
    );
    const addition = t.ws.create({ unitNo: UNIT.unitNo, kind: 'addition', month: MONTH }).id;
    t.ws.appendRows(
      addition,
      Array.from({ length: BIG }, (_, i) => additionRow(i)),
    );
    const monthly = t.ws.create({ unitNo: UNIT.unitNo, kind: 'monthly', month: MONTH }).id;
    t.reopen(); // rows come from the database, as after a restart
    const first = await time(() => t.ws.open(addition, 200));
    t.ws.open(monthly, 0);
    const checks: number[] = [];
    for (let r = 0; r < RUNS + 2; r++) {
      const v = await time(() => {
        const a = t.ws.validate(addition);
        const m = t.ws.validate(monthly);
        return a.errorCount + (m.totals?.headcount ?? 0);
      });
      if (v.value !== BIG) throw new Error(`validate/calc gave ${v.value}`);
      checks.push(v.ms);
    }
    results.push(
      {
        name: `open a ${BIG}-row draft from the database (first page)`,
        value: Math.round(first.ms),
        unit: 'ms',
        goal: NO_GOAL,
      },
      {
        name: `validate ${BIG} 增员 rows + calculate ${BIG} 月度 rows (service)`,
        value: Math.round(median(checks)),
        unit: 'ms',
        goal: '≤ 100 ms',
      },
    );

    // --- bulk read across the contract (values arrays, output schema checked as dispatch does) ---
    const bulk: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const b = await time(() => rowsBulkSchema.parse(t.ws.rowsBulk(addition)).values.length);
      if (b.value !== BIG) throw new Error('bulk read lost rows');
      bulk.push(b.ms);
    }
    results.push({
      name: `bulk read ${BIG} rows incl. contract check`,
      value: Math.round(median(bulk)),
      unit: 'ms',
      goal: NO_GOAL,
    });

    // RSS as after a restart: a fresh process opens the same database and loads it all.
    t.store.close();
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), RSS_CHILD, t.dir, addition, monthly],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const rss = /^RSS (\d+)$/m.exec(child.stdout ?? '');
    if (!rss) throw new Error(`RSS child failed: ${child.stderr}`);
    results.push({
      name: `RSS with ${BIG} rows loaded (+ ${BIG} roster, ${BIG} 月度, validated)`,
      value: Number(rss[1]),
      unit: 'MB',
      goal: '≤ 400 MB',
    });
  } finally {
    t.close();
  }
  return results;
}
