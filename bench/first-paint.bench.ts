// Open a 100,000-row declaration to the grid's first paint. The renderer's own
// DeclarationEditor, built for production by Vite, in Chromium at 1366×768, fed by the in-memory
// workspace backend (bench/first-paint/grid-bench.html): the clock starts once the rows
// exist and stops when the grid has painted its first rows. Median of 5 fresh page loads.
// Goal ≤ 1 s.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';
import { openPage } from '../tests/support/browser';
import { repoRoot } from '../tests/support/processes';
import type { BenchResult } from './support/results';
import { median } from './support/stats';

const ROWS = 100_000;
const LOADS = 5;
const PAGE = 'grid-bench.html';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    try {
      const body = readFileSync(join(dir, path));
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    }),
  );
}

export async function run(): Promise<BenchResult[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'shebao-grid-bench-'));
  const rendererRoot = join(repoRoot, 'renderer');
  const pageRoot = join(repoRoot, 'bench', 'first-paint');
  await build({
    configFile: join(rendererRoot, 'vite.config.ts'),
    // The page lives with the benchmark, outside the product's renderer.
    root: pageRoot,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: join(pageRoot, PAGE) },
    },
  });
  const { server, url } = await serve(outDir);
  const browser = await openPage('about:blank');
  const times: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      await browser.page.goto(`${url}/${PAGE}?rows=${ROWS}`);
      await browser.page.waitForFunction(() => document.body.dataset.gridPainted === 'true', null, {
        timeout: 30_000,
      });
      const ms = await browser.page.evaluate(() => {
        const start = performance.getEntriesByName('ws-open-start')[0];
        const paint = performance.getEntriesByName('ws-grid-first-paint')[0];
        return start && paint ? paint.startTime - start.startTime : Number.NaN;
      });
      const cells = await browser.page.locator('[role="gridcell"]').count();
      if (!(cells > 0)) throw new Error('the grid painted no cells');
      times.push(ms);
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return [
    {
      name: `open a ${ROWS.toLocaleString('en')}-row declaration to the grid's first paint (median of ${LOADS})`,
      value: Math.round(median(times)),
      unit: 'ms',
      goal: '≤ 1000 ms',
    },
  ];
}
