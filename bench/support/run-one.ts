// Child-process entry of the harness: `node --import tsx bench/support/run-one.ts <bench file>
// <out.json>`. Runs the module's run() and writes its figures, checked, to out.json. Each bench
// gets a process of its own because SoftHSM2 initialises once per process and memory figures
// must not carry another bench's heap.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchResultsSchema } from './results';

const [file, outFile] = process.argv.slice(2);
if (!file || !outFile) {
  console.error('usage: run-one.ts <bench file> <out.json>');
  process.exit(2);
}

try {
  const loaded: unknown = await import(pathToFileURL(resolve(file)).href);
  const run = (loaded as { run?: unknown }).run;
  if (typeof run !== 'function') throw new Error(`${file} does not export run()`);
  const results = benchResultsSchema.parse(await (run as () => Promise<unknown>)());
  writeFileSync(outFile, JSON.stringify(results));
  // A bench that leaves a timer or worker behind must not hold the harness up.
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  // Last, so the harness's one-line reason names it.
  console.error(
    `bench failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
  );
  process.exit(1);
}
