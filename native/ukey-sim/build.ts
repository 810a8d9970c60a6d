// Builds libukeysim.so with the system C compiler, the PKCS#11 headers that pkcs11js ships and
// OpenSSL's libcrypto.
// Tests call ensureUkeySimBuilt() so a fresh clone needs no separate step; `npm run
// build:ukey-sim` does the same by hand.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFromCommandLine, ensureSharedLibrary } from '../sim-support/build-library';
import { isMainModule } from '../sim-support/main-module';

export const UKEY_SIM_DIR = path.dirname(fileURLToPath(import.meta.url));
export const UKEY_SIM_LIBRARY = path.join(UKEY_SIM_DIR, 'build', 'libukeysim.so');

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

/** Returns the path of the built module, compiling it first when a source is newer. */
export function ensureUkeySimBuilt(): Promise<string> {
  return ensureSharedLibrary({
    name: 'ukey-sim',
    sourceDir: path.join(UKEY_SIM_DIR, 'src'),
    output: UKEY_SIM_LIBRARY,
    flags: () => [
      '-shared',
      '-fPIC',
      '-O2',
      '-Wall',
      '-Wextra',
      '-pthread',
      '-I',
      pkcs11IncludeDir(),
    ],
    // SM2 keys are signed with OpenSSL's libcrypto (Debian: libssl-dev).
    libraries: ['-ldl', '-lcrypto'],
  });
}

if (isMainModule(import.meta.url)) buildFromCommandLine('ukey-sim', ensureUkeySimBuilt);
