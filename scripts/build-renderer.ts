// Builds the renderer for browser mode when its sources are newer than the last build.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const outIndex = join(root, 'out/renderer/index.html');
const sources = ['renderer', 'domain', 'electron/contract'].map((d) => join(root, d));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (max, name) => Math.max(max, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

export function rendererIsStale(): boolean {
  if (!existsSync(outIndex)) return true;
  const built = statSync(outIndex).mtimeMs;
  return sources.some((dir) => newestMtime(dir) > built);
}

/** Builds beside the old output and swaps it in, so a page being served never sees half a build. */
export async function buildRenderer(force = false): Promise<void> {
  if (!force && !rendererIsStale()) return;
  const outDir = join(root, 'out/renderer');
  const fresh = join(root, `out/renderer.${process.pid}.${Date.now()}`);
  await build({
    configFile: join(root, 'renderer/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: fresh },
  });
  rmSync(outDir, { recursive: true, force: true });
  try {
    renameSync(fresh, outDir);
  } catch {
    // Another build swapped its output in first; it is as fresh as ours.
    rmSync(fresh, { recursive: true, force: true });
  }
}
