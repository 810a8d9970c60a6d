// Runs once before all tests: makes sure the tools the tests drive are present (one clear
// message rather than a hundred failures) and builds what they load: the token simulator and
// the renderer served in browser mode.
import { existsSync } from 'node:fs';
import { installCommand, missingPackages } from '../../scripts/system-packages';
import { buildRenderer } from '../../scripts/build-renderer';
import { ensureUkeySimBuilt } from '../../native/ukey-sim/build';
import { ensureSkfSimBuilt } from '../../native/skf-sim/build';

export default async function setup(): Promise<void> {
  const missing = missingPackages();
  if (missing.length > 0) {
    throw new Error(
      `Missing system packages: ${missing.join(', ')}. Run: ${installCommand(missing)}`,
    );
  }
  await ensureUkeySimBuilt();
  await ensureSkfSimBuilt();
  await buildRenderer();
  if (!existsSync('out/renderer/index.html'))
    throw new Error('renderer build produced no index.html');
}
