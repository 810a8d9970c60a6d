// Child of store-encryption.test.ts: opens a person's database, which turns a plain one into an
// encrypted one, and freezes right after the step named on the command line (printing
// `AT <step>`), so the parent can kill it with SIGKILL exactly there.
import { writeSync } from 'node:fs';
import { openPersonDatabase } from '../../electron/services/store/user-store';

const [dir, stopAt] = process.argv.slice(2) as [string, string];
const db = openPersonDatabase(dir, {
  onEncryptStep(step) {
    if (step !== stopAt) return;
    writeSync(1, `AT ${step}\n`);
    // Blocks this thread without returning; the parent's SIGKILL ends it. Bounded all the same.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
  },
});
db.close();
writeSync(1, 'DONE\n');
