// Makes the demo token set for `npm start` and for tests: a test PKI (RSA/ECDSA and SM2) and its
// trust store, SoftHSM2 tokens (one per persona, one with the problem certificates), a 国密 U盾
// with SM2 keys in the U-Key simulator, the demo soft certificate (.p12 + .cer) and manifest.json
// describing all of it.
//   npm run demo-token -- --out <dir>
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import forge from 'node-forge';
import { z } from 'zod';
import type { CertificateHolder } from '../../domain/certificate-subject';
import {
  DEMO_SO_PIN,
  DEMO_USER_PIN,
  demoPersons,
  demoUnits,
  personHolder,
  unitHolder,
} from '../../server/demo/demo-data';
import { createSoftHsmDir, SOFTHSM_MODULE } from '../support/softhsm';
import { ensureUkeySimBuilt } from '../../native/ukey-sim/build';
import { createTestPki, validity, type TestPki } from './pki';
import { makeSkfDemoToken, skfDemoSchema } from './skf-demo-token';
import { createSm2TestPki, type Sm2TestPki } from './sm2-pki';
import {
  openPkcs11,
  provisionToken,
  type CertificateOnTokenSpec,
  type TokenKeyAlg,
} from './provision-token';

export const scenarios = [
  'legal-rsa',
  'agent-ec',
  'unauthorized',
  'unregistered',
  'expired',
  'expiring-10-days',
  'not-yet-valid',
  'untrusted',
  'revoked',
  'unit-cert',
  'agent-sm2',
  'agent-sm2-encryption',
] as const;
export type Scenario = (typeof scenarios)[number];

export const SOFT_CERT_FRIENDLY_NAME = '演示软证书';

const holderSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('person'),
    name: z.string(),
    residentId: z.string(),
    unitName: z.string().optional(),
  }),
  z.object({ kind: z.literal('unit'), name: z.string(), uscc: z.string() }),
]);

const certificateSchema = z.object({
  scenario: z.enum(scenarios),
  label: z.string(),
  alg: z.enum(['rsa', 'ec', 'sm2']),
  ckaIdHex: z.string().regex(/^[0-9a-f]+$/),
  holder: holderSchema,
  issuer: z.enum(['intermediate', 'untrusted']),
  revoked: z.boolean(),
  serialHex: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  notBefore: z.iso.datetime(),
  notAfter: z.iso.datetime(),
  pem: z.string(),
});

export const demoManifestSchema = z.object({
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  provisioningMs: z.number(),
  userPin: z.string(),
  soPin: z.string(),
  softhsm: z.object({ module: z.string(), conf: z.string(), tokenDir: z.string() }),
  pki: z.object({
    trustStoreDir: z.string(),
    rootPem: z.string(),
    intermediatePem: z.string(),
    untrustedRootPem: z.string(),
    /** CA keys, for tools that issue or revoke more later (loadTestPki). */
    stateFile: z.string(),
    /** The SM2 CAs' keys (loadSm2TestPki); their certificates and CRL are in trustStoreDir. */
    sm2StateFile: z.string(),
  }),
  /** The SM2 U盾 lives in the U-Key simulator: its keys in keysDir (UKEY_SIM_KEYS). */
  ukeySim: z.object({ module: z.string(), keysDir: z.string() }).optional(),
  tokens: z.array(
    z.object({
      label: z.string(),
      serialNumber: z.string(),
      certificates: z.array(certificateSchema),
    }),
  ),
  softCert: z.object({
    p12: z.string(),
    cer: z.string(),
    password: z.string(),
    friendlyName: z.string(),
    holder: holderSchema,
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** The SKF (GM/T 0016) U-Key on skf-sim; absent where the simulator cannot be built. */
  skf: skfDemoSchema.nullable().optional(),
});
export type DemoManifest = z.infer<typeof demoManifestSchema>;
export type DemoCertificate = z.infer<typeof certificateSchema>;

export function readDemoManifest(outDir: string): DemoManifest {
  return demoManifestSchema.parse(JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')));
}

interface PlannedCertificate {
  scenario: Scenario;
  label: string;
  alg: TokenKeyAlg;
  holder: CertificateHolder;
  issuer: 'intermediate' | 'untrusted';
  window: { notBefore: Date; notAfter: Date };
  revoke?: boolean;
  usage?: 'signing' | 'encipherment-only';
}

interface PlannedToken {
  label: string;
  certificates: PlannedCertificate[];
}

/** A 国密 U盾 with a signing and an encryption SM2 certificate, held by the U-Key simulator. */
function planSm2(now: Date): PlannedToken {
  const liNa = personHolder(demoPersons.agent, demoUnits[0].name);
  const usual = validity(30, 700, now);
  return {
    label: 'mToken GM3000 SM2',
    certificates: [
      {
        scenario: 'agent-sm2',
        label: '李娜（国密签名）',
        alg: 'sm2',
        holder: liNa,
        issuer: 'intermediate',
        window: usual,
      },
      {
        scenario: 'agent-sm2-encryption',
        label: '李娜（国密加密）',
        alg: 'sm2',
        holder: liNa,
        issuer: 'intermediate',
        window: usual,
        usage: 'encipherment-only',
      },
    ],
  };
}

function plan(now: Date): PlannedToken[] {
  const { legal, agent, unauthorized, unregisteredPerson } = demoPersons;
  const firstUnit = demoUnits[0];
  const usual = validity(30, 700, now);
  const zhang = personHolder(legal);
  return [
    {
      label: 'ePass3003',
      certificates: [
        {
          scenario: 'legal-rsa',
          label: '张伟',
          alg: 'rsa',
          holder: zhang,
          issuer: 'intermediate',
          window: usual,
        },
      ],
    },
    {
      label: 'WatchKey',
      certificates: [
        {
          scenario: 'agent-ec',
          label: '李娜',
          alg: 'ec',
          holder: personHolder(agent, firstUnit.name),
          issuer: 'intermediate',
          window: usual,
        },
      ],
    },
    {
      label: 'mToken GM3000',
      certificates: [
        {
          scenario: 'unauthorized',
          label: '王芳',
          alg: 'rsa',
          holder: personHolder(unauthorized),
          issuer: 'intermediate',
          window: usual,
        },
      ],
    },
    {
      label: 'ePass2003',
      certificates: [
        {
          scenario: 'expired',
          label: '张伟（已过期）',
          alg: 'rsa',
          holder: zhang,
          issuer: 'intermediate',
          window: validity(400, -35, now),
        },
        {
          scenario: 'expiring-10-days',
          label: '张伟（即将到期）',
          alg: 'ec',
          holder: zhang,
          issuer: 'intermediate',
          window: validity(355, 10.5, now),
        },
        {
          scenario: 'not-yet-valid',
          label: '张伟（尚未生效）',
          alg: 'rsa',
          holder: zhang,
          issuer: 'intermediate',
          window: validity(-5, 365, now),
        },
        {
          scenario: 'untrusted',
          label: '张伟（未知CA）',
          alg: 'rsa',
          holder: zhang,
          issuer: 'untrusted',
          window: usual,
        },
        {
          scenario: 'revoked',
          label: '张伟（已吊销）',
          alg: 'ec',
          holder: zhang,
          issuer: 'intermediate',
          window: usual,
          revoke: true,
        },
        {
          scenario: 'unregistered',
          label: '赵强',
          alg: 'rsa',
          holder: personHolder(unregisteredPerson),
          issuer: 'intermediate',
          window: usual,
        },
        {
          scenario: 'unit-cert',
          label: firstUnit.name,
          alg: 'ec',
          holder: unitHolder(firstUnit),
          issuer: 'intermediate',
          window: usual,
        },
      ],
    },
  ];
}

async function provisionPlanned(
  lib: ReturnType<typeof openPkcs11>,
  token: PlannedToken,
  pki: TestPki,
  sm2Pki: Sm2TestPki,
): Promise<DemoManifest['tokens'][number]> {
  const specs: CertificateOnTokenSpec[] = token.certificates.map((c) => ({
    label: c.label,
    alg: c.alg,
    leaf: { holder: c.holder, issuer: c.issuer, ...c.window, usage: c.usage },
  }));
  const made = await provisionToken(
    lib,
    pki,
    { label: token.label, soPin: DEMO_SO_PIN, userPin: DEMO_USER_PIN, certificates: specs },
    sm2Pki,
  );
  return {
    label: made.label,
    serialNumber: made.serialNumber,
    certificates: made.certificates.map((c, i) => {
      const planned = token.certificates[i]!;
      if (planned.revoke) (c.alg === 'sm2' ? sm2Pki : pki).revoke(c.serialHex);
      return {
        scenario: planned.scenario,
        label: c.label,
        alg: c.alg,
        ckaIdHex: c.ckaIdHex,
        holder: c.holder,
        issuer: planned.issuer,
        revoked: planned.revoke === true,
        serialHex: c.serialHex,
        sha256: c.sha256,
        notBefore: c.notBefore.toISOString(),
        notAfter: c.notAfter.toISOString(),
        pem: c.pem,
      };
    }),
  };
}

/** The simulator module, built if need be; null (with a note) where it cannot be built. */
async function simModuleOrNull(): Promise<string | null> {
  try {
    return await ensureUkeySimBuilt();
  } catch (error) {
    console.warn(`No SM2 demo U盾: the U-Key simulator could not be built (${String(error)}).`);
    return null;
  }
}

/** Runs with these environment variables set (the simulator reads them on every call). */
async function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** node-forge PKCS#12 (3DES, shrouded key bag) with the intermediate in the chain. */
async function writeSoftCert(pki: TestPki, outDir: string): Promise<DemoManifest['softCert']> {
  const holder = personHolder(demoPersons.legal);
  const issued = await pki.issueWithSoftwareKey(
    { holder, issuer: 'intermediate', ...validity(30, 700) },
    'rsa',
  );
  const key = forge.pki.privateKeyFromAsn1(
    forge.asn1.fromDer(issued.privateKeyPkcs8Der.toString('binary')),
  );
  const chain = [issued.pem, pki.intermediatePem].map((pem) => forge.pki.certificateFromPem(pem));
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(key, chain, DEMO_USER_PIN, {
    algorithm: '3des',
    friendlyName: SOFT_CERT_FRIENDLY_NAME,
  });
  const p12 = join(outDir, 'demo-soft-cert.p12');
  const cer = join(outDir, 'demo-soft-cert.cer');
  writeFileSync(p12, Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary'), { mode: 0o600 });
  writeFileSync(cer, issued.der);
  return {
    p12,
    cer,
    password: DEMO_USER_PIN,
    friendlyName: SOFT_CERT_FRIENDLY_NAME,
    holder,
    sha256: createHash('sha256').update(issued.der).digest('hex'),
  };
}

export interface MakeDemoTokensOptions {
  outDir: string;
  /** Defaults to Debian's SoftHSM2. */
  modulePath?: string;
  /** Where no SoftHSM2 is installed: only the PKI and the demo soft certificate. */
  withoutTokens?: boolean;
}

/**
 * Rebuilds `<outDir>/pki`, `<outDir>/softhsm`, the soft certificate and manifest.json.
 * SoftHSM2 reads its config when first initialised in a process, so this must run before the
 * process loads SoftHSM2 for anything else (or in a child process: `npm run demo-token`).
 */
export async function makeDemoTokens(options: MakeDemoTokensOptions): Promise<DemoManifest> {
  const started = performance.now();
  const outDir = resolve(options.outDir);
  const modulePath = options.modulePath ?? SOFTHSM_MODULE;
  mkdirSync(outDir, { recursive: true });
  rmSync(join(outDir, 'softhsm'), { recursive: true, force: true });
  rmSync(join(outDir, 'pki'), { recursive: true, force: true });

  const pki = await createTestPki();
  const softhsm = createSoftHsmDir(join(outDir, 'softhsm'));
  const previousConf = process.env.SOFTHSM2_CONF;
  process.env.SOFTHSM2_CONF = softhsm.conf;

  const sm2Pki = createSm2TestPki();
  const tokens: DemoManifest['tokens'] = [];
  let ukeySim: DemoManifest['ukeySim'];
  const lib = options.withoutTokens ? null : openPkcs11(modulePath, { requireFresh: true });
  try {
    for (const token of lib ? plan(new Date()) : []) {
      tokens.push(await provisionPlanned(lib!, token, pki, sm2Pki));
    }
  } finally {
    lib?.C_Finalize();
    lib?.close();
  }
  try {
    // SM2 keys need the U-Key simulator (SoftHSM2 has no SM2): its key store stays with the set.
    const simModule = lib ? await simModuleOrNull() : null;
    if (simModule) {
      const keysDir = join(outDir, 'ukey-sim');
      mkdirSync(keysDir, { recursive: true });
      const stateDir = mkdtempSync(join(tmpdir(), 'shebao-demo-sim-'));
      const simEnv = { UKEY_SIM_KEYS: keysDir, UKEY_SIM_STATE: stateDir };
      try {
        const sm2Token = await withEnv(simEnv, async () => {
          const sim = openPkcs11(simModule, { requireFresh: true });
          try {
            return await provisionPlanned(sim, planSm2(new Date()), pki, sm2Pki);
          } finally {
            sim.C_Finalize();
            sim.close();
          }
        });
        tokens.push(sm2Token);
      } finally {
        rmSync(stateDir, { recursive: true, force: true });
      }
      ukeySim = { module: simModule, keysDir };
    }
  } finally {
    if (previousConf === undefined) delete process.env.SOFTHSM2_CONF;
    else process.env.SOFTHSM2_CONF = previousConf;
  }

  // The CRL is written after the revocation, so it lists the revoked certificate.
  const trustStoreDir = join(outDir, 'pki');
  await pki.writeTrustStore(trustStoreDir);
  await sm2Pki.writeTrustStore(trustStoreDir);
  const stateFile = join(outDir, 'pki-state.json');
  await pki.save(stateFile);
  const sm2StateFile = join(outDir, 'sm2-pki-state.json');
  await sm2Pki.save(sm2StateFile);
  const softCert = await writeSoftCert(pki, outDir);
  const skf = options.withoutTokens ? null : await makeSkfDemoToken({ outDir, sm2Pki });

  const manifest: DemoManifest = {
    version: 1,
    createdAt: new Date().toISOString(),
    provisioningMs: Math.round(performance.now() - started),
    userPin: DEMO_USER_PIN,
    soPin: DEMO_SO_PIN,
    softhsm: { module: modulePath, conf: softhsm.conf, tokenDir: softhsm.tokenDir },
    pki: {
      trustStoreDir,
      rootPem: pki.rootPem,
      intermediatePem: pki.intermediatePem,
      untrustedRootPem: pki.untrustedRootPem,
      stateFile,
      sm2StateFile,
    },
    ...(ukeySim ? { ukeySim } : {}),
    tokens,
    softCert,
    skf,
  };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: '.tmp/demo' },
      'no-softhsm': { type: 'boolean', default: false },
    },
  });
  const manifest = await makeDemoTokens({
    outDir: values.out ?? '.tmp/demo',
    withoutTokens: values['no-softhsm'],
  });
  for (const token of manifest.tokens) {
    console.log(`${token.label} (serial ${token.serialNumber}):`);
    for (const c of token.certificates)
      console.log(`  ${c.scenario.padEnd(20)} ${c.alg.padEnd(3)} ${c.label}`);
  }
  if (manifest.skf)
    console.log(`SKF U-Key: ${manifest.skf.label} (SKF_SIM_STATE=${manifest.skf.stateDir})`);
  console.log(`Soft certificate: ${manifest.softCert.p12}`);
  console.log(`SOFTHSM2_CONF=${manifest.softhsm.conf}`);
  if (manifest.ukeySim) console.log(`UKEY_SIM_KEYS=${manifest.ukeySim.keysDir}`);
  console.log(`Made in ${manifest.provisioningMs} ms; user PIN ${manifest.userPin}.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
