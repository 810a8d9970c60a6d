// Runs once before all tests: makes sure the tools the tests drive are present, so a missing
// package is one clear message rather than a hundred failures.
import { existsSync } from 'node:fs';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export default function setup(): void {
  const missing = [SOFTHSM_MODULE, '/usr/bin/pkcs11-tool', '/usr/bin/chromium'].filter(
    (p) => !existsSync(p),
  );
  if (missing.length > 0) {
    throw new Error(
      `Missing test tools: ${missing.join(', ')}. Run: sudo apt-get install -y softhsm2 opensc chromium`,
    );
  }
}
