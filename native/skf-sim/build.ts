// Builds libskfsim.so with the system C compiler against OpenSSL's libcrypto (libssl-dev).
// Tests and the demo call ensureSkfSimBuilt() so a fresh clone needs no separate step; `npm run
// build:skf-sim` does the same by hand.
import { execFile } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SKF_SIM_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SKF_SIM_LIBRARY = path.join(SKF_SIM_DIR, 'build', 'libskfsim.so');
const SOURCE_DIR = path.join(SKF_SIM_DIR, 'src');

async function newestSource(): Promise<{ cFiles: string[]; newest: number }> {
  const names = (await readdir(SOURCE_DIR)).filter((n) => n.endsWith('.c') || n.endsWith('.h'));
  const times = await Promise.all(
    names.map(async (n) => (await stat(path.join(SOURCE_DIR, n))).mtimeMs),
  );
  const cFiles = names.filter((n) => n.endsWith('.c')).map((n) => path.join(SOURCE_DIR, n));
  return { cFiles: cFiles.sort(), newest: Math.max(0, ...times) };
}

/** Returns the path of the built library, compiling it first when a source is newer. */
export async function ensureSkfSimBuilt(): Promise<string> {
  const { cFiles, newest } = await newestSource();
  const built = await stat(SKF_SIM_LIBRARY).then(
    (s) => s.mtimeMs,
    () => -1,
  );
  if (built >= newest) return SKF_SIM_LIBRARY;

  await mkdir(path.dirname(SKF_SIM_LIBRARY), { recursive: true });
  // Several test workers may build at once: each writes its own file and renames it into place.
  const temporary = `${SKF_SIM_LIBRARY}.${process.pid}.tmp`;
  const args = [
    '-shared',
    '-fPIC',
    '-O2',
    '-Wall',
    '-Wextra',
    '-pthread',
    '-fvisibility=hidden',
    '-o',
    temporary,
    ...cFiles,
    '-lcrypto',
  ];
  try {
    const { stderr } = await run('cc', args, { timeout: 120_000 });
    if (stderr.trim() !== '') process.stderr.write(stderr); // warnings: the C is meant to be clean
    await rename(temporary, SKF_SIM_LIBRARY);
  } catch (error) {
    await rm(temporary, { force: true });
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new Error(
      `Building skf-sim failed (is libssl-dev installed?): ${typeof stderr === 'string' ? stderr : String(error)}`,
    );
  }
  return SKF_SIM_LIBRARY;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureSkfSimBuilt().then(
    (file) => console.log(`skf-sim: ${file}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
