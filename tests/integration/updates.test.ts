// Updates from a company folder, served by the reference server (`--updates <dir>`) on loopback:
// a newer version is found and downloaded, a file whose sha512 does not match latest.yml is
// refused and deleted, a version pinned by IT holds, and the clerk only ever gets a notice.
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenericFeed } from '../../electron/services/updates/generic-feed';
import { parseLatestYml } from '../../electron/services/updates/latest-yml';
import { decideUpdate } from '../../electron/services/updates/update-policy';
import { UpdateService, type UpdateStatus } from '../../electron/services/updates/update-service';
import { createTestPki } from '../pki/pki';
import { startTsx, type Started } from '../support/processes';

let root: string;
let releases: string;
let server: Started;
let base: string;

const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

/** A release folder as electron-builder writes it: latest.yml naming the installer and its hash. */
function publish(version: string, options: { corruptAfterHashing?: boolean } = {}): Buffer {
  const name = `Shebao Desk-${version}-x64-setup.exe`;
  const installer = Buffer.concat([Buffer.from('MZ'), randomBytes(256 * 1024)]);
  writeFileSync(
    join(releases, 'latest.yml'),
    [
      `version: ${version}`,
      'files:',
      `  - url: ${name}`,
      `    sha512: ${sha512(installer)}`,
      `    size: ${installer.length}`,
      `path: ${name}`,
      `sha512: ${sha512(installer)}`,
      "releaseDate: '2026-11-30T08:00:00.000Z'",
      '',
    ].join('\n'),
  );
  const served = Buffer.from(installer);
  if (options.corruptAfterHashing) served[1000] = served[1000]! ^ 0xff;
  writeFileSync(join(releases, name), served);
  return installer;
}

function service(pinnedVersion: string | null, downloadDir: string) {
  const statuses: UpdateStatus[] = [];
  const updates = new UpdateService({
    updater: new GenericFeed({ url: `${base}/updates/`, downloadDir }),
    currentVersion: '0.1.0',
    pinnedVersion,
    onStatus: (s) => statuses.push(s),
  });
  return { updates, statuses };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shebao-updates-'));
  releases = join(root, 'releases');
  mkdirSync(releases);
  const pki = await createTestPki();
  await pki.writeTrustStore(join(root, 'trust'));
  server = await startTsx(
    'server/cli.ts',
    [
      '--port',
      '0',
      '--data',
      join(root, 'data'),
      '--trust',
      join(root, 'trust'),
      '--updates',
      releases,
    ],
    /listening on (http:\/\/\S+)/,
  );
  base = server.match[1]!;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('updates from the company folder', () => {
  it('finds a newer version, downloads it with a matching sha512, and only tells the clerk', async () => {
    const installer = publish('0.2.0');
    const downloads = join(root, 'dl-newer');
    const { updates, statuses } = service(null, downloads);
    const status = await updates.checkNow();
    expect(status).toMatchObject({ state: 'ready', latestVersion: '0.2.0' });
    expect(status.notice?.message).toContain('0.2.0');
    expect(status.notice?.action).toMatch(/关闭程序时/);
    expect(statuses.map((s) => s.state)).toEqual(['checking', 'downloading', 'ready']);
    const file = join(downloads, 'Shebao Desk-0.2.0-x64-setup.exe');
    expect(readFileSync(file).equals(installer)).toBe(true);
    // A second look does not download again while the first waits for the app to close.
    expect((await updates.checkNow()).state).toBe('ready');
  });

  it('refuses an installer whose sha512 does not match latest.yml, and keeps nothing of it', async () => {
    publish('0.2.1', { corruptAfterHashing: true });
    const downloads = join(root, 'dl-corrupt');
    const { updates } = service(null, downloads);
    const status = await updates.checkNow();
    expect(status.state).toBe('failed');
    expect(status.notice?.code).toBe('UPDATE_CHECKSUM_MISMATCH');
    expect(existsSync(downloads) ? readdirSync(downloads) : []).toEqual([]);
  });

  it('holds at the version IT pinned, and takes the pinned one when the folder has it', async () => {
    publish('0.3.0');
    const held = service('0.2.0', join(root, 'dl-held'));
    const status = await held.updates.checkNow();
    expect(status).toMatchObject({ state: 'held', latestVersion: '0.3.0', notice: null });
    expect(existsSync(join(root, 'dl-held'))).toBe(false);

    publish('0.2.0');
    const pinned = service('0.2.0', join(root, 'dl-pinned'));
    expect((await pinned.updates.checkNow()).state).toBe('ready');
  });

  it('says nothing when the folder has this version or an older one', async () => {
    publish('0.1.0');
    const { updates } = service(null, join(root, 'dl-same'));
    expect(await updates.checkNow()).toMatchObject({ state: 'up-to-date', notice: null });
  });

  it('serves only plain file names from the folder', async () => {
    writeFileSync(join(root, 'secret.txt'), 'not for download');
    for (const path of ['/updates/..%2Fsecret.txt', '/updates/.hidden', '/updates/missing.exe']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });
});

describe('update rules', () => {
  it('compares versions as semver, never as text', () => {
    expect(decideUpdate('0.9.0', '0.10.0', null)).toEqual({ offer: true, version: '0.10.0' });
    expect(decideUpdate('1.0.0', '1.0.0-beta.1', null)).toEqual({
      offer: false,
      reason: 'up-to-date',
    });
    expect(decideUpdate('1.0.0', 'latest', null)).toEqual({
      offer: false,
      reason: 'invalid-version',
    });
  });

  it('reads only well-formed latest.yml', () => {
    expect(parseLatestYml('version: 1.0.0\nfiles: []\n')).toBeNull();
    expect(parseLatestYml('!!js/function "function(){}"')).toBeNull();
    expect(parseLatestYml('version: [')).toBeNull();
  });

  it('an app without an update folder never checks', async () => {
    const updates = new UpdateService({
      updater: null,
      currentVersion: '0.1.0',
      pinnedVersion: null,
    });
    expect((await updates.checkNow()).state).toBe('disabled');
  });
});
