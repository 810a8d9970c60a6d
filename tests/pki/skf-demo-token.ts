// The SKF U盾 of the demo set: an skf-sim device holding an SM2 key (made by the openssl binary,
// as a CA's tool makes it on a real key) with 李娜's SM2 signing certificate and a matching
// encryption certificate, issued by the demo's SM2 test PKI.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DEMO_USER_PIN, demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { ensureSkfSimBuilt } from '../../native/skf-sim/build';
import { provisionDevice } from '../../native/skf-sim/state-file';
import { opensslSm2Key } from '../support/openssl-sm2';
import { validity } from './pki';
import type { Sm2TestPki } from './sm2-pki';

export const SKF_DEMO_DEVICE = 'GM3000-DEMO';
export const SKF_DEMO_LABEL = '李娜（国密SKF）';
export const SKF_DEMO_SERIAL = 'LMGM3000000217';

export const skfDemoSchema = z.object({
  library: z.string(),
  stateDir: z.string(),
  device: z.string(),
  label: z.string(),
  serialNumber: z.string(),
  /** Application/container of the signing key: the certificate's key reference. */
  keyRef: z.string(),
  certificatePem: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SkfDemo = z.infer<typeof skfDemoSchema>;

export interface MakeSkfDemoOptions {
  outDir: string;
  /** The demo's SM2 PKI, whose trust files the demo writes. */
  sm2Pki: Sm2TestPki;
}

/**
 * Builds skf-sim and provisions `<outDir>/skf-sim`. Returns null (and says why) where the
 * simulator cannot be built: no C compiler or OpenSSL headers, or not Linux.
 */
export async function makeSkfDemoToken(options: MakeSkfDemoOptions): Promise<SkfDemo | null> {
  let library: string;
  try {
    if (process.platform !== 'linux') throw new Error('skf-sim is built on Linux only');
    library = await ensureSkfSimBuilt();
  } catch (error) {
    console.warn(`SKF demo U-Key skipped: ${error instanceof Error ? error.message : error}`);
    return null;
  }
  const stateDir = join(options.outDir, 'skf-sim');
  await rm(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });

  const pki = options.sm2Pki;
  const holder = personHolder(demoPersons.agent, demoUnits[0].name);
  const window = validity(30, 700);
  const signKey = opensslSm2Key(stateDir, 'sign');
  const encKey = opensslSm2Key(stateDir, 'enc');
  const signing = pki.issue({ holder, issuer: 'intermediate', ...window }, signKey.publicKey);
  const encryption = pki.issue(
    { holder, issuer: 'intermediate', ...window, usage: 'encipherment-only' },
    encKey.publicKey,
  );
  await provisionDevice(stateDir, {
    name: SKF_DEMO_DEVICE,
    label: SKF_DEMO_LABEL,
    serial: SKF_DEMO_SERIAL,
    manufacturer: 'Longmai',
    application: 'SHEBAO',
    pin: DEMO_USER_PIN,
    containers: [
      {
        name: 'SM2_SIGN',
        signKeyPem: await readFile(signKey.keyFile, 'utf8'),
        signCertDer: signing.der,
        encCertDer: encryption.der,
      },
    ],
  });
  // The key files live in the device now; the copies openssl wrote are not needed.
  for (const k of [signKey, encKey]) {
    await rm(k.keyFile, { force: true });
    await rm(k.publicFile, { force: true });
  }
  return {
    library,
    stateDir,
    device: SKF_DEMO_DEVICE,
    label: SKF_DEMO_LABEL,
    serialNumber: SKF_DEMO_SERIAL,
    keyRef: 'SHEBAO/SM2_SIGN',
    certificatePem: signing.pem,
    sha256: createHash('sha256').update(signing.der).digest('hex'),
  };
}
