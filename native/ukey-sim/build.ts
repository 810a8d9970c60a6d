// Builds libukeysim.so with the system C compiler, the PKCS#11 headers that pkcs11js ships and
// OpenSSL's libcrypto.
// Tests call ensureUkeySimBuilt() so a fresh clone needs no separate step; `npm run
// build:ukey-sim` does the same by hand.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const UKEY_SIM_DIR = path.dirname(fileURLToPath(import.meta.url));
export const UKEY_SIM_LIBRARY = path.join(UKEY_SIM_DIR, 'build', 'libukeysim.so');
const SOURCE_DIR = path.join(UKEY_SIM_DIR, 'src');

/** The folder holding `pkcs11/pkcs11.h`, as pkcs11js ships it. */
function pkcs11IncludeDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = path.dirname(require.resolve('pkcs11js/package.json'));
  const dir = path.join(pkg, 'includes');
  if (!existsSync(path.join(dir, 'pkcs11', 'pkcs11.h'))) {
    throw new Error(`PKCS#11 headers not found under ${dir}; reinstall pkcs11js`);
  }
  return dir;
}

async function sources(): Promise<{ cFiles: string[]; newest: number }> {
  const names = (await readdir(SOURCE_DIR)).filter((n) => n.endsWith('.c') || n.endsWith('.h'));
  const times = await Promise.all(
    names.map(async (n) => (await stat(path.join(SOURCE_DIR, n))).mtimeMs),
  );
  const cFiles = names.filter((n) => n.endsWith('.c')).map((n) => path.join(SOURCE_DIR, n));
  return { cFiles: cFiles.sort(), newest: Math.max(0, ...times) };
}

async function isFresh(newestSource: number): Promise<boolean> {
  try {
    return (await stat(UKEY_SIM_LIBRARY)).mtimeMs >= newestSource;
  } catch {
    return false;
  }
}

/** Returns the path of the built module, compiling it first when a source is newer. */
export async function ensureUkeySimBuilt(): Promise<string> {
  const { cFiles, newest } = await sources();
  if (await isFresh(newest)) return UKEY_SIM_LIBRARY;

  await mkdir(path.dirname(UKEY_SIM_LIBRARY), { recursive: true });
  // Several test workers may build at once: each writes its own file and renames it into place.
  const temporary = `${UKEY_SIM_LIBRARY}.${process.pid}.tmp`;
  const args = [
    '-shared',
    '-fPIC',
    '-O2',
    '-Wall',
    '-Wextra',
    '-pthread',
    '-I',
    pkcs11IncludeDir(),
    '-o',
    temporary,
    ...cFiles,
    '-ldl',
    // SM2 keys are signed with OpenSSL's libcrypto (Debian: libssl-dev).
    '-lcrypto',
  ];
  try {
    const { stderr } = await run('cc', args, { timeout: 120_000 });
    if (stderr.trim() !== '') process.stderr.write(stderr); // warnings: the C is meant to be clean
    await rename(temporary, UKEY_SIM_LIBRARY);
  } catch (error) {
    await rm(temporary, { force: true });
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new Error(
      `Building ukey-sim failed: ${typeof stderr === 'string' ? stderr : String(error)}`,
    );
  }
  return UKEY_SIM_LIBRARY;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureUkeySimBuilt().then(
    (file) => console.log(`ukey-sim: ${file}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
