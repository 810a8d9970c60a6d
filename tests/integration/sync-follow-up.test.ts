// After a push the client pulls again within seconds, so a review decision made right after an
// upload shows without waiting for the (here: ten-minute) pull interval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  UNIT,
  additionRow,
  declarationStates,
  queueDeclaration,
  reviewer,
  serviceMonth,
  startDemoSync,
  until,
  type DemoSync,
  type ReferenceServer,
  type SyncClient,
} from './sync-support';

let sync: DemoSync | undefined;
let server: ReferenceServer;
let client: SyncClient;
const month = serviceMonth();

beforeAll(async () => {
  sync = await startDemoSync({
    autoStart: true,
    options: {
      pullIntervalMs: 600_000,
      followUpPullsMs: [200, 400, 800, 1_600, 3_200, 6_400, 12_800, 25_600],
    },
  });
  ({ server, client } = sync);
}, 180_000);

afterAll(async () => {
  await sync?.close();
});

describe('pulls soon after a push', () => {
  it('a decision made just after the upload comes back by itself, long before the pull interval', async () => {
    const queued = queueDeclaration(client.db, UNIT, 'addition', month, [additionRow(7, month)]);
    const id = queued.declarationId;
    await until(() => declarationStates(client.db, UNIT).get(id) === 'uploaded', 60_000, '已上传');
    const path = `/v1/review/declarations/${id}`;
    expect((await reviewer(server.url, path, { decision: 'reviewing' })).status).toBe(200);
    await until(
      () => declarationStates(client.db, UNIT).get(id) === 'reviewing',
      30_000,
      '审核中 pulled back',
    );
    expect((await reviewer(server.url, path, { decision: 'approve' })).status).toBe(200);
    await until(
      () => declarationStates(client.db, UNIT).get(id) === 'approved',
      30_000,
      '已通过 pulled back',
    );
  });
});
