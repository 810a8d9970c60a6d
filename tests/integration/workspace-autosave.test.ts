// Autosave: every edit is its own small transaction, so killing the app (SIGKILL, no chance to
// flush anything) loses at most the edit in flight: every acknowledged edit is there afterwards.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyVault } from '../../electron/services/store/key-vault';
import { openCipherConnection } from '../../electron/services/store/sqlcipher';
import { DATABASE_FILE } from '../../electron/services/store/user-store';
import {
  additionRow,
  makeWorkspace,
  MONTH,
  PERSON_KEY,
  repoRoot,
  resourcesDir,
  UNIT,
} from './workspace-support';

describe('autosave survives kill -9', () => {
  it('after SIGKILL mid-typing every acknowledged edit is in the database and it is intact', async () => {
    const t = makeWorkspace();
    try {
      const d = t.ws.create({ unitNo: UNIT.unitNo, kind: 'addition', month: MONTH });
      t.ws.edit(
        d.id,
        [],
        Array.from({ length: 20 }, (_, i) => additionRow(i)),
      );
      t.store.close();

      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(repoRoot, 'tests/integration/workspace-autosave-child.ts'),
          t.dir,
          d.id,
          PERSON_KEY,
          resourcesDir,
        ],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      // The last acknowledged value of each cell.
      const lastName = new Map<number, number>();
      const lastMobile = new Map<number, number>();
      let acks = 0;
      const exited = new Promise<NodeJS.Signals | null>((done) =>
        child.once('exit', (_c, s) => done(s)),
      );
      const target = 400 + Math.floor(Math.random() * 400);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`child too slow: ${acks} acks\n${stderr}`)),
          45_000,
        );
        createInterface({ input: child.stdout }).on('line', (line) => {
          const m = /^ACK (\d+) (\d+)$/.exec(line);
          if (!m) return;
          const n = Number(m[1]);
          (n % 7 === 3 ? lastMobile : lastName).set(Number(m[2]), n);
          acks++;
          if (acks === target) {
            child.kill('SIGKILL');
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', () => {
          clearTimeout(timer);
          if (acks < target) reject(new Error(`child exited early after ${acks} acks\n${stderr}`));
        });
      });
      expect(await exited).toBe('SIGKILL');

      const personDir = join(t.dir, 'users', PERSON_KEY);
      const raw = openCipherConnection(
        join(personDir, DATABASE_FILE),
        new KeyVault().read(personDir),
      );
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();

      t.reopen();
      const rows = new Map(t.ws.rows(d.id, 0, 100).rows.map((r) => [r.rowNo, r.data]));
      expect(rows.size).toBe(20);
      for (const [rowNo, n] of lastName) {
        const name = (rows.get(rowNo) as { name: string }).name;
        // The acknowledged edit, or a newer one of the same cell that committed before its ACK
        // line reached us (the child runs ahead of our reading).
        const found = Number(/^姓名(\d+)$/.exec(name)?.[1] ?? -1);
        expect(found).toBeGreaterThanOrEqual(n);
        expect(found % 20).toBe(rowNo);
      }
      for (const [rowNo, n] of lastMobile) {
        const mobile = (rows.get(rowNo) as { mobile: string }).mobile;
        expect(Number(mobile.slice(3))).toBeGreaterThanOrEqual(n);
      }
      // Undo still works after the crash: the history was committed with each edit.
      expect(t.ws.open(d.id, 0).canUndo).toBe(true);
    } finally {
      t.close();
    }
  });
});
