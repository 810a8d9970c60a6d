// A sync client in its own process, so a test can kill -9 it mid-push and start it again.
// tsx tests/integration/sync-client-child.ts --server <url> [--service-origin <origin>]
//   --data <dir> --demo <dir> --queue <n>
// Needs SOFTHSM2_CONF in its environment. Prints SYNC_MIDWAY once half the queue is sent, then
// SYNC_DONE when the outbox is empty.
import { parseArgs } from 'node:util';
import { readDemoManifest } from '../pki/make-demo-tokens';
import {
  UNIT,
  additionRow,
  outboxCounts,
  queueDeclaration,
  serviceMonth,
  startSyncClient,
  until,
} from './sync-support';

const { values } = parseArgs({
  options: {
    server: { type: 'string' },
    'service-origin': { type: 'string' },
    data: { type: 'string' },
    demo: { type: 'string' },
    queue: { type: 'string', default: '0' },
    batch: { type: 'string', default: '10' },
  },
});
const manifest = readDemoManifest(values.demo!);
const client = await startSyncClient({
  manifest,
  serverUrl: values.server!,
  serviceOrigin: values['service-origin'],
  dataDir: values.data!,
  autoStart: false,
  options: {
    batch: { maxMutations: Number(values.batch), maxBytes: 5 * 1024 * 1024 },
    backoff: { baseMs: 20, maxMs: 300 },
    pullIntervalMs: 500,
  },
});
const queue = Number(values.queue);
if (queue > 0 && Object.keys(outboxCounts(client.db)).length === 0) {
  const month = serviceMonth();
  for (let i = 0; i < queue; i++)
    queueDeclaration(client.db, UNIT, 'addition', month, [additionRow(i, month)]);
}
let midway = false;
client.engine.onStatus((status) => {
  const done = status.progress?.done ?? 0;
  if (!midway && status.progress && done * 2 >= status.progress.total && done > 0) {
    midway = true;
    console.log(`SYNC_MIDWAY ${done}/${status.progress.total}`);
  }
});
client.engine.start();
await until(() => client.engine.store.pendingCount(UNIT) === 0, 120_000, 'the outbox to empty');
console.log('SYNC_DONE');
await client.close();
process.exit(0);
