// npm run server -- verify-archive --data <dir> [--trust <dir>]
// Prints what it checked and every problem found; exits 0 when the archive holds, 1 when it does
// not, 2 on bad arguments or an unreadable data directory.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyArchive } from './verify-archive';

const USAGE = 'Usage: npm run server -- verify-archive --data <dir> [--trust <dir>]';

export async function runVerifyArchive(argv: readonly string[]): Promise<number> {
  let values: { data?: string; trust?: string };
  try {
    values = parseArgs({
      args: [...argv],
      options: { data: { type: 'string' }, trust: { type: 'string' } },
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!values.data) {
    process.stderr.write(`--data is required.\n${USAGE}\n`);
    return 2;
  }
  const dataDir = resolve(values.data);
  if (!existsSync(join(dataDir, 'shebao-server.sqlite'))) {
    process.stderr.write(`No service database in ${dataDir}.\n${USAGE}\n`);
    return 2;
  }
  const report = await verifyArchive({
    dataDir,
    ...(values.trust ? { trustDir: resolve(values.trust) } : {}),
  });
  for (const problem of report.problems) process.stdout.write(`PROBLEM ${problem}\n`);
  if (!report.chainsChecked)
    process.stdout.write('note: no trust store found, certificate chains were not checked\n');
  process.stdout.write(
    `verified ${report.batches} batches and ${report.declarations} declarations: ` +
      `${report.problems.length === 0 ? 'archive intact' : `${report.problems.length} problems`}\n`,
  );
  return report.problems.length === 0 ? 0 : 1;
}
