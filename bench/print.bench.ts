// Printing a big unit's declaration: the app's print components and stylesheet (built by Vite
// from bench/print/print-bench.html) lay out 1,000 people in Chromium at 1366×768,
// then the pages are printed to an A4 PDF, as 导出PDF does.
// Goals: layout ≤ 1,000 ms; layout + PDF ≤ 5,000 ms ("a few seconds").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { build } from 'vite';
import { openPage } from '../tests/support/browser';
import { repoRoot } from '../tests/support/processes';
import { NO_GOAL, type BenchResult } from './support/results';
import { median } from './support/stats';

const PEOPLE = 1000;
const RUNS = 3;
const PAGE = 'print-bench.html';
const ORIGIN = 'http://print-bench.invalid';

export async function run(): Promise<BenchResult[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'shebao-print-bench-'));
  const rendererRoot = join(repoRoot, 'renderer');
  const pageRoot = join(repoRoot, 'bench', 'print');
  await build({
    configFile: join(rendererRoot, 'vite.config.ts'),
    // The page lives with the benchmark, outside the product's renderer.
    root: pageRoot,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: join(pageRoot, PAGE) } },
  });
  const browser = await openPage('about:blank');
  // The built files are answered from disk: no server, no port.
  await browser.page.route(`${ORIGIN}/**`, (route) => {
    const path = normalize(decodeURIComponent(new URL(route.request().url()).pathname));
    return path.includes('..') ? route.abort() : route.fulfill({ path: join(outDir, path) });
  });
  const layout: number[] = [];
  const total: number[] = [];
  let pages = 0;
  let bytes = 0;
  try {
    for (let k = 0; k < RUNS; k++) {
      const t0 = performance.now();
      await browser.page.goto(`${ORIGIN}/${PAGE}?people=${PEOPLE}`);
      await browser.page.waitForFunction(() => document.body.dataset.printReady === 'true', null, {
        timeout: 60_000,
      });
      layout.push(
        await browser.page.evaluate(() => {
          const start = performance.getEntriesByName('print-layout-start')[0];
          const end = performance.getEntriesByName('print-layout-end')[0];
          return start && end ? end.startTime - start.startTime : Number.NaN;
        }),
      );
      pages = await browser.page.locator('.print-page').count();
      await browser.page.emulateMedia({ media: 'print' });
      const pdf = await browser.page.pdf({
        format: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
      });
      await browser.page.emulateMedia({ media: 'screen' });
      total.push(performance.now() - t0);
      bytes = pdf.length;
    }
  } finally {
    await browser.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return [
    {
      name: `print: lay out a ${PEOPLE}-person declaration (${pages} pages), median of ${RUNS}`,
      value: Math.round(median(layout)),
      unit: 'ms',
      goal: '≤ 1000 ms',
    },
    {
      name: `print: load, lay out and print it to an A4 PDF, median of ${RUNS}`,
      value: Math.round(median(total)),
      unit: 'ms',
      goal: '≤ 5000 ms',
    },
    { name: 'print: size of that PDF', value: Math.round(bytes / 1024), unit: 'KB', goal: NO_GOAL },
  ];
}
