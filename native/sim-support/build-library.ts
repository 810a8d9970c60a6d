// Builds a simulator's shared library from the C files in its src/ folder with the system C
// compiler, only when a source is newer than the library already built.
import { execFile } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SharedLibrarySpec {
  /** Named in the error when the build fails. */
  name: string;
  sourceDir: string;
  output: string;
  /** Compiler flags placed before `-o <output>`; asked for only when a build is needed. */
  flags: () => string[];
  /** Linker arguments placed after the C files. */
  libraries: string[];
  /** Appended to the name in the error, e.g. which Debian package is probably missing. */
  failureHint?: string;
}

async function sources(dir: string): Promise<{ cFiles: string[]; newest: number }> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.c') || n.endsWith('.h'));
  const times = await Promise.all(names.map(async (n) => (await stat(path.join(dir, n))).mtimeMs));
  const cFiles = names.filter((n) => n.endsWith('.c')).map((n) => path.join(dir, n));
  return { cFiles: cFiles.sort(), newest: Math.max(0, ...times) };
}

/** Returns the path of the built library, compiling it first when a source is newer. */
export async function ensureSharedLibrary(spec: SharedLibrarySpec): Promise<string> {
  const { output } = spec;
  const { cFiles, newest } = await sources(spec.sourceDir);
  const built = await stat(output).then(
    (s) => s.mtimeMs,
    () => -1,
  );
  if (built >= newest) return output;

  await mkdir(path.dirname(output), { recursive: true });
  // Several test workers may build at once: each writes its own file and renames it into place.
  const temporary = `${output}.${process.pid}.tmp`;
  const args = [...spec.flags(), '-o', temporary, ...cFiles, ...spec.libraries];
  try {
    const { stderr } = await run('cc', args, { timeout: 120_000 });
    if (stderr.trim() !== '') process.stderr.write(stderr); // warnings: the C is meant to be clean
    await rename(temporary, output);
  } catch (error) {
    await rm(temporary, { force: true });
    const stderr = (error as { stderr?: unknown }).stderr;
    const hint = spec.failureHint === undefined ? '' : ` ${spec.failureHint}`;
    throw new Error(
      `Building ${spec.name} failed${hint}: ${typeof stderr === 'string' ? stderr : String(error)}`,
    );
  }
  return output;
}

/** Runs a build from the command line: prints where the library is, or why it failed. */
export function buildFromCommandLine(name: string, ensure: () => Promise<string>): void {
  ensure().then(
    (file) => console.log(`${name}: ${file}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
