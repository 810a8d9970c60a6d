// Builds libskfsim.so with the system C compiler against OpenSSL's libcrypto (libssl-dev).
// Tests and the demo call ensureSkfSimBuilt() so a fresh clone needs no separate step; `npm run
// build:skf-sim` does the same by hand.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFromCommandLine, ensureSharedLibrary } from '../sim-support/build-library';
import { isMainModule } from '../sim-support/main-module';

export const SKF_SIM_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SKF_SIM_LIBRARY = path.join(SKF_SIM_DIR, 'build', 'libskfsim.so');

/** Returns the path of the built library, compiling it first when a source is newer. */
export function ensureSkfSimBuilt(): Promise<string> {
  return ensureSharedLibrary({
    name: 'skf-sim',
    sourceDir: path.join(SKF_SIM_DIR, 'src'),
    output: SKF_SIM_LIBRARY,
    flags: () => ['-shared', '-fPIC', '-O2', '-Wall', '-Wextra', '-pthread', '-fvisibility=hidden'],
    libraries: ['-lcrypto'],
    failureHint: '(is libssl-dev installed?)',
  });
}

if (isMainModule(import.meta.url)) buildFromCommandLine('skf-sim', ensureSkfSimBuilt);
