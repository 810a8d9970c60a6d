// Child of workspace-autosave.test.ts: edits cells in a loop and prints `ACK <n> <row> <value>`
// after each edit has returned (committed). The parent kills it with SIGKILL mid-loop.
import { join } from 'node:path';
import { UserStore } from '../../electron/services/store/user-store';
import { loadRegionTables } from '../../electron/services/workspace/regions';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';

const [dir, declarationId, personKey, resources] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const store = new UserStore(join(dir, 'users'));
store.follow(personKey);
const ws = new WorkspaceService({
  store,
  tables: loadRegionTables(resources),
  unit: (unitNo) => ({ unitNo, uscc: '91320102MA1XYF005A' }),
});
const rows = ws.rows(declarationId, 0, 1000).rows.map((r) => r.rowNo);
console.log('READY');
// Bounded: the parent kills us long before this ends.
for (let n = 0; n < 1_000_000; n++) {
  const rowNo = rows[n % rows.length]!;
  const value = `姓名${n}`;
  if (n % 7 === 3)
    ws.setCells(declarationId, [
      { rowNo, field: 'mobile', value: `139${String(n).padStart(8, '0')}` },
    ]);
  else ws.setCells(declarationId, [{ rowNo, field: 'name', value }]);
  process.stdout.write(`ACK ${n} ${rowNo}\n`);
}
