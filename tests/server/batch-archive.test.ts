// Non-repudiation: every batch whose signature the service accepted is archived with its
// canonical bytes, signature and certificate, and `npm run server -- verify-archive` re-verifies
// all of it offline from the data directory — catching any edit to the archive or to the
// declarations it backs.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { verifyArchive } from '../../server/archive/verify-archive';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate, type TestPki } from '../pki/pki';
import { loginSession, startServer } from './support';
import {
  additionRow,
  pushOk,
  pushRaw,
  serviceMonth,
  signedBatch,
  submitMutation,
  ulid,
} from './sync-support';

const ROOT = resolve(__dirname, '../..');
const [unit1, unit2] = demoUnits;
let pki: TestPki;
let root: string;
let dataDir: string;
const certs = {} as Record<'agent' | 'legal' | 'wang', SoftwareIssuedCertificate>;
const hashes: string[] = [];

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function runVerify(dir: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'server/cli.ts', 'verify-archive', '--data', dir],
      { cwd: ROOT, timeout: 120_000 },
    );
    return { code: 0, stdout };
  } catch (e) {
    const failed = e as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
}

/** A copy of the data directory with `edit` applied to its database. */
async function tampered(edit: (db: Database.Database) => void): Promise<string> {
  const copy = join(root, `copy-${ulid()}`);
  await cp(dataDir, copy, { recursive: true });
  const db = new Database(join(copy, 'shebao-server.sqlite'));
  edit(db);
  db.close();
  return copy;
}

beforeAll(async () => {
  pki = await createTestPki();
  certs.agent = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.agent, unit1.name)),
    'ec',
  );
  certs.legal = await pki.issueWithSoftwareKey(leafSpec(personHolder(demoPersons.legal)), 'rsa');
  certs.wang = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.unauthorized)),
    'ec',
  );
  root = await mkdtemp(join(tmpdir(), 'shebao-archive-'));
  dataDir = join(root, 'data');
  const server = await startServer({ pki, dataDir });
  try {
    const month = serviceMonth();
    const agent = await loginSession(server.url, certs.agent);
    const legal = await loginSession(server.url, certs.legal);
    const first = await signedBatch({
      origin: server.url,
      unitNo: unit1.unitNo,
      clientId: ulid(),
      mutations: [
        submitMutation('addition', month, [additionRow(1, month), additionRow(2, month)]),
        submitMutation('addition', month, [{ ...additionRow(3, month), name: '' }]),
      ],
      certificate: certs.agent,
    });
    const results = await pushOk(server.url, agent, unit1.unitNo, first);
    expect(results.results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    // A retry of the same signed batch is not archived twice.
    await pushOk(server.url, agent, unit1.unitNo, first);
    const second = await signedBatch({
      origin: server.url,
      unitNo: unit2.unitNo,
      clientId: ulid(),
      mutations: [submitMutation('addition', month, [additionRow(4, month)])],
      certificate: certs.legal,
    });
    await pushOk(server.url, legal, unit2.unitNo, second);
    // Refused whole (signed by another key): never archived.
    const forged = await signedBatch({
      origin: server.url,
      unitNo: unit1.unitNo,
      clientId: ulid(),
      mutations: [submitMutation('addition', month, [additionRow(5, month)])],
      certificate: certs.agent,
      signer: certs.wang,
    });
    expect((await pushRaw(server.url, agent, unit1.unitNo, forged)).status).toBe(401);
    hashes.push(first.batchHash, second.batchHash);
  } finally {
    await server.close();
  }
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the archive', () => {
  it('holds each accepted batch once, as signed: canonical bytes hashing to its batch hash, signature and certificate', () => {
    const db = new Database(join(dataDir, 'shebao-server.sqlite'), { readonly: true });
    const rows = db
      .prepare('SELECT unit_no, batch_hash, canonical, certificate FROM batch_archive ORDER BY seq')
      .all() as { unit_no: string; batch_hash: string; canonical: Buffer; certificate: Buffer }[];
    db.close();
    expect(rows.map((r) => [r.unit_no, r.batch_hash])).toEqual([
      [unit1.unitNo, hashes[0]],
      [unit2.unitNo, hashes[1]],
    ]);
    for (const r of rows) expect(sha256(r.canonical)).toBe(r.batch_hash);
    expect(rows[0]!.certificate.equals(certs.agent.der)).toBe(true);
    expect(rows[1]!.certificate.equals(certs.legal.der)).toBe(true);
  });

  it('npm run server -- verify-archive re-verifies all of it offline: exit 0', async () => {
    const res = await runVerify(dataDir);
    expect(res.stdout).toContain('verified 2 batches and 2 declarations: archive intact');
    expect(res.code).toBe(0);
  }, 150_000);
});

describe('a tampered archive is caught', () => {
  const problemsOf = async (dir: string, trustDir?: string) =>
    (await verifyArchive({ dataDir: dir, ...(trustDir ? { trustDir } : {}) })).problems.join('\n');

  /** The first archived batch with one wage raised in its bytes; `rehash` fixes its batch hash too. */
  const raiseWage = (rehash: boolean) => (db: Database.Database) => {
    const row = db
      .prepare('SELECT seq, canonical FROM batch_archive ORDER BY seq LIMIT 1')
      .get() as {
      seq: number;
      canonical: Buffer;
    };
    const bytes = Buffer.from(
      row.canonical.toString('utf8').replace('"wageFen":800000', '"wageFen":900000'),
    );
    expect(bytes.equals(row.canonical)).toBe(false);
    db.prepare('UPDATE batch_archive SET canonical = ? WHERE seq = ?').run(bytes, row.seq);
    if (rehash)
      db.prepare('UPDATE batch_archive SET batch_hash = ? WHERE seq = ?').run(
        sha256(bytes),
        row.seq,
      );
  };

  it('a changed wage in the archived bytes: the hash fails, and the declaration has no sound batch', async () => {
    const problems = await problemsOf(await tampered(raiseWage(false)));
    expect(problems).toMatch(/batch #1 .*do not hash to its batch hash/);
    expect(problems).toMatch(/declaration .* no sound archived batch carries it/);
  });

  it('bytes and batch hash changed together: the signature no longer verifies', async () => {
    const problems = await problemsOf(await tampered(raiseWage(true)));
    expect(problems).toMatch(/batch #1 .*signature does not verify/);
  });

  it('another person’s certificate put in place of the signer’s: the signature no longer verifies', async () => {
    const dir = await tampered((db) =>
      db.prepare('UPDATE batch_archive SET certificate = ? WHERE seq = 1').run(certs.wang.der),
    );
    expect(await problemsOf(dir)).toMatch(/batch #1 .*signature does not verify/);
  });

  it('one flipped bit in a signature', async () => {
    const dir = await tampered((db) => {
      const { signature } = db
        .prepare('SELECT signature FROM batch_archive WHERE unit_no = ?')
        .get(unit2.unitNo) as { signature: Buffer };
      signature[10] = signature[10]! ^ 1;
      db.prepare('UPDATE batch_archive SET signature = ? WHERE unit_no = ?').run(
        signature,
        unit2.unitNo,
      );
    });
    expect(await problemsOf(dir)).toMatch(
      new RegExp(`batch #\\d+ \\(unit ${unit2.unitNo}, .*signature does not verify`),
    );
  });

  it('a declaration edited in the service database after it was signed', async () => {
    const dir = await tampered((db) => {
      const d = db
        .prepare('SELECT id, rows_json FROM declarations WHERE unit_no = ?')
        .get(unit2.unitNo) as {
        id: string;
        rows_json: string;
      };
      db.prepare('UPDATE declarations SET rows_json = ? WHERE id = ?').run(
        d.rows_json.replace('"wageFen":800000', '"wageFen":1'),
        d.id,
      );
    });
    expect(await problemsOf(dir)).toMatch(
      /declaration .*differs from what its signed batch carried/,
    );
  });

  it('an archived batch deleted: the declarations it carried are unbacked', async () => {
    const dir = await tampered((db) => db.prepare('DELETE FROM batch_archive WHERE seq = 1').run());
    expect(await problemsOf(dir)).toMatch(/declaration .* no sound archived batch carries it/);
  });

  it('checked against a trust store that does not hold the signer’s CA: CERT_UNTRUSTED', async () => {
    const other = await createTestPki();
    const trustDir = join(root, `other-trust-${ulid()}`);
    await other.writeTrustStore(trustDir);
    expect(await problemsOf(dataDir, trustDir)).toMatch(
      /certificate did not pass .*CERT_UNTRUSTED/,
    );
  });

  it('the command exits 1 and names each problem', async () => {
    const dir = await tampered((db) =>
      db.prepare('DELETE FROM batch_archive WHERE unit_no = ?').run(unit2.unitNo),
    );
    const res = await runVerify(dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/PROBLEM declaration .* no sound archived batch carries it/);
    expect(res.stdout).toContain('1 problems');
  }, 150_000);
});
