// The service's SM2 work per login or batch: checking an SM2 signature (SM3 with Z, raw r‖s)
// and checking an SM2 certificate against the SM2 CAs and CRL, each as many times as fit in a
// bounded loop, single-threaded, as the server does them.
import { sm2Sign } from '../domain/crypto/sm2';
import { demoPersons, demoUnits, personHolder } from '../server/demo/demo-data';
import { verifyCertificate, parseCertificate } from '../server/pki/verify-certificate';
import { verifyTokenSignature } from '../server/pki/verify-signature';
import { TrustStore } from '../server/pki/trust-store';
import { leafSpec } from '../tests/pki/pki';
import { createSm2TestPki } from '../tests/pki/sm2-pki';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './support/results';

const MAX_ROUNDS = 2_000;
const MAX_MS = 5_000;

/** Calls per second of `work`, over at most MAX_ROUNDS calls or MAX_MS. */
async function perSecond(work: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 10; i++) await work(); // warm-up
  let rounds = 0;
  const started = performance.now();
  while (rounds < MAX_ROUNDS && performance.now() - started < MAX_MS) {
    await work();
    rounds++;
  }
  return rounds / ((performance.now() - started) / 1000);
}

export async function run(): Promise<BenchResult[]> {
  const pki = createSm2TestPki();
  const leaf = pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.agent, demoUnits[0].name)),
  );
  const dir = await mkdtemp(join(tmpdir(), 'shebao-sm2-bench-'));
  try {
    await pki.writeTrustStore(dir);
    const trust = new TrustStore(dir).current();
    const now = new Date();
    const verified = await verifyCertificate(parseCertificate(leaf.der), trust, now);
    const text = `shebao-desk login v1\nnonce=${'x'.repeat(43)}\ncert=${verified.sha256Hex}`;
    const signature = sm2Sign(leaf.privateKey, new TextEncoder().encode(text));
    if (!verifyTokenSignature(verified.publicKey, verified.keyType, text, signature)) {
      throw new Error('the bench signature does not verify');
    }
    const signatures = await perSecond(() =>
      verifyTokenSignature(verified.publicKey, verified.keyType, text, signature),
    );
    const chains = await perSecond(() => verifyCertificate(parseCertificate(leaf.der), trust, now));
    return [
      {
        name: 'server: SM2 signature verifications per second (SM3 with Z, raw r‖s)',
        value: signatures,
        unit: '/s',
        goal: '≥ 100 /s',
      },
      {
        name: 'server: SM2 certificate checks per second (chain to SM2 root, CRL, usage)',
        value: chains,
        unit: '/s',
        goal: '≥ 25 /s',
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
