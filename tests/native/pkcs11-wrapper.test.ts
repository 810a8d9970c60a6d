// The token wrapper against a real PKCS#11 module (SoftHSM2) with tokens provisioned like a
// CA's U-Keys: listing, login, RSA and ECDSA signatures, PIN errors, module load failures, and
// a main thread that stays responsive while the token signs.
import { verify, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { Pkcs11ModuleHost } from '../../native/pkcs11/module-host';
import type { TokenEntry } from '../../native/pkcs11/types';
import { DEMO_SO_PIN, DEMO_USER_PIN, demoPersons, personHolder } from '../../server/demo/demo-data';
import { createTestPki, leafSpec } from '../pki/pki';
import { openPkcs11, provisionToken, type ProvisionedToken } from '../pki/provision-token';
import { createSoftHsmDir, SOFTHSM_MODULE, useSoftHsm, type SoftHsmDir } from '../support/softhsm';

let dir: SoftHsmDir;
let host: Pkcs11ModuleHost;
/** A provisioned token with the slot id the module gives it now. */
type Listed = ProvisionedToken & { slotId: string };
let rsaToken: Listed;
let ecToken: Listed;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

function verifies(certDer: Buffer, data: Buffer, signature: Buffer): boolean {
  const key = new X509Certificate(certDer).publicKey;
  return key.asymmetricKeyType === 'ec'
    ? verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
    : verify('sha256', data, key, signature);
}

function entryOf(tokens: TokenEntry[], label: string): TokenEntry {
  const entry = tokens.find((t) => t.token.label === label);
  if (!entry) throw new Error(`token ${label} not listed`);
  return entry;
}

beforeAll(async () => {
  let rsaProvisioned: ProvisionedToken;
  let ecProvisioned: ProvisionedToken;
  dir = createSoftHsmDir();
  useSoftHsm(dir);
  const pki = await createTestPki();
  const lib = openPkcs11(SOFTHSM_MODULE, { requireFresh: true });
  try {
    rsaProvisioned = await provisionToken(lib, pki, {
      label: 'ePass3003',
      soPin: DEMO_SO_PIN,
      userPin: DEMO_USER_PIN,
      certificates: [
        {
          label: '张伟',
          alg: 'rsa',
          leaf: leafSpec(personHolder(demoPersons.legal)),
        },
      ],
    });
    ecProvisioned = await provisionToken(lib, pki, {
      label: 'WatchKey',
      soPin: DEMO_SO_PIN,
      userPin: DEMO_USER_PIN,
      certificates: [
        {
          label: '李娜',
          alg: 'ec',
          leaf: leafSpec(personHolder(demoPersons.agent)),
        },
      ],
    });
  } finally {
    lib.C_Finalize();
    lib.close();
  }
  host = await Pkcs11ModuleHost.open(SOFTHSM_MODULE);
  const listed = await host.listTokens();
  const slotOf = (t: ProvisionedToken) => {
    const entry = listed.find((e) => e.token.serialNumber === t.serialNumber);
    if (!entry) throw new Error(`token ${t.label} not listed`);
    return { ...t, slotId: entry.slotId };
  };
  rsaToken = slotOf(rsaProvisioned);
  ecToken = slotOf(ecProvisioned);
});

afterAll(async () => {
  await host?.close();
});

describe('listing tokens', () => {
  it('shows each provisioned U-Key with its label, serial and certificate, and not the empty slot', async () => {
    const tokens = await host.listTokens();
    expect(tokens.map((t) => t.token.label).sort()).toEqual(['WatchKey', 'ePass3003']);
    const rsa = entryOf(tokens, 'ePass3003');
    expect(rsa.token.serialNumber).toBe(rsaToken.serialNumber);
    expect(rsa.token).toMatchObject({
      tokenInitialized: true,
      loginRequired: true,
      userPinLocked: false,
      protectedAuthenticationPath: false,
      minPinLen: 4,
      maxPinLen: 255,
    });
    expect(rsa.slotDescription).toMatch(/SoftHSM/);
    const [cert] = rsa.certificates;
    expect(rsa.certificates).toHaveLength(1);
    expect(cert?.label).toBe('张伟');
    expect(cert?.ckaIdHex).toBe(rsaToken.certificates[0]?.ckaIdHex);
    expect(cert?.hasPrivateKey).toBe(true);
    expect(Buffer.compare(cert!.der, rsaToken.certificates[0]!.der)).toBe(0);
    expect(new X509Certificate(cert!.der).subject).toContain('CN=张伟');
  });

  it('reads fresh token flags for one slot', async () => {
    const info = await host.tokenInfo(ecToken.slotId);
    expect(info.label).toBe('WatchKey');
    expect(info.userPinInitialized).toBe(true);
  });
});

describe('signing', () => {
  it('makes an RSA signature that verifies against the certificate on the token', async () => {
    const data = Buffer.from('shebao-desk/login/v1\nhttp://127.0.0.1\nnonce\n00');
    await host.login(rsaToken.slotId, DEMO_USER_PIN);
    const signature = await host.sign(rsaToken.slotId, rsaToken.certificates[0]!.ckaIdHex, data);
    expect(signature).toHaveLength(256);
    expect(verifies(rsaToken.certificates[0]!.der, data, signature)).toBe(true);
    expect(verifies(rsaToken.certificates[0]!.der, Buffer.from('other data'), signature)).toBe(
      false,
    );
  });

  it('makes an ECDSA P-256 signature as raw r||s that verifies against the certificate', async () => {
    const data = Buffer.from('申报批次 2026-11 哈希');
    await host.login(ecToken.slotId, DEMO_USER_PIN);
    const signature = await host.sign(ecToken.slotId, ecToken.certificates[0]!.ckaIdHex, data);
    expect(signature).toHaveLength(64);
    expect(verifies(ecToken.certificates[0]!.der, data, signature)).toBe(true);
  });

  it('refuses to sign after logout, asking for the PIN again', async () => {
    await host.login(rsaToken.slotId, DEMO_USER_PIN);
    await host.logout(rsaToken.slotId);
    const error = await rejection(
      host.sign(rsaToken.slotId, rsaToken.certificates[0]!.ckaIdHex, Buffer.from('x')),
    );
    expect(error.code).toBe('TOKEN_SESSION_CLOSED');
  });

  it('reports a certificate whose key is not on the token', async () => {
    await host.login(rsaToken.slotId, DEMO_USER_PIN);
    const error = await rejection(host.sign(rsaToken.slotId, 'deadbeef', Buffer.from('x')));
    expect(error.code).toBe('TOKEN_KEY_NOT_FOUND');
  });
});

describe('PIN errors', () => {
  it('says the PIN is wrong, and the right PIN still works afterwards', async () => {
    const error = await rejection(host.login(ecToken.slotId, '654321'));
    expect(error.code).toBe('PIN_INCORRECT');
    expect(error.message).toBe('U盾密码（PIN码）错误。');
    await expect(host.login(ecToken.slotId, DEMO_USER_PIN)).resolves.toBeUndefined();
  });

  it('never puts the typed PIN into the error', async () => {
    const typed = 'S3cret-Pin-778899';
    const error = await rejection(host.login(ecToken.slotId, typed));
    const everything = JSON.stringify({
      m: error.message,
      p: error.params,
      s: error.stack,
      i: error.toInfo(),
    });
    expect(everything).not.toContain(typed);
  });

  it('rejects a PIN longer than the token allows without trying it on the token', async () => {
    const error = await rejection(host.login(ecToken.slotId, '1'.repeat(256)));
    expect(error.code).toBe('PIN_LEN_RANGE');
    expect(error.params).toMatchObject({ min: 4, max: 255 });
  });

  it('rejects a PIN shorter than the token allows', async () => {
    const error = await rejection(host.login(ecToken.slotId, '123'));
    expect(error.code).toBe('PIN_LEN_RANGE');
  });

  it('asks for a PIN when none was typed on a token without a PIN pad', async () => {
    expect((await rejection(host.login(ecToken.slotId, ''))).code).toBe('PIN_EMPTY');
    expect((await rejection(host.login(ecToken.slotId, null))).code).toBe('PIN_EMPTY');
  });
});

describe('module load failures', () => {
  it('names the missing module file', async () => {
    const missing = join(dir.root, 'eps2003csp11.so');
    const error = await rejection(Pkcs11ModuleHost.open(missing));
    expect(error.code).toBe('MODULE_NOT_FOUND');
    expect(error.params).toMatchObject({ file: 'eps2003csp11.so' });
    expect(error.message).toContain('eps2003csp11.so');
  });

  it('names a file that is no library at all', async () => {
    const fake = join(dir.root, 'WDPKCS.so');
    writeFileSync(fake, 'This is a text file renamed to .so, not a PKCS#11 module.\n'.repeat(4));
    const error = await rejection(Pkcs11ModuleHost.open(fake));
    expect(error.code).toBe('MODULE_LOAD_FAILED');
    expect(error.message).toContain('WDPKCS.so');
  });

  it('calls a Windows DLL or a 32-bit library a wrong-architecture module', async () => {
    const dll = join(dir.root, 'ShuttleCsp11_3003.dll');
    writeFileSync(dll, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]));
    expect((await rejection(Pkcs11ModuleHost.open(dll))).code).toBe('MODULE_WRONG_ARCH');

    const elf32 = Buffer.alloc(264);
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]).copy(elf32); // ELFCLASS32, little-endian
    elf32.writeUInt16LE(3, 16); // ET_DYN
    elf32.writeUInt16LE(3, 18); // EM_386
    const lib32 = join(dir.root, 'libeps2003-i386.so');
    writeFileSync(lib32, elf32);
    const error = await rejection(Pkcs11ModuleHost.open(lib32));
    expect(error.code).toBe('MODULE_WRONG_ARCH');
    expect(error.message).toContain('libeps2003-i386.so');
  });
});

describe('off the main thread', () => {
  it('keeps the event loop responsive while the token signs 20 times', async () => {
    await host.login(rsaToken.slotId, DEMO_USER_PIN);
    const ckaId = rsaToken.certificates[0]!.ckaIdHex;
    // Large inputs make each signature take real time inside the module (it hashes them).
    const data = Buffer.alloc(2 * 1024 * 1024, 0x5a);
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const started = performance.now();
    const signatures = await Promise.all(
      Array.from({ length: 20 }, () => host.sign(rsaToken.slotId, ckaId, data)),
    );
    const elapsed = performance.now() - started;
    histogram.disable();
    expect(signatures.every((s) => verifies(rsaToken.certificates[0]!.der, data, s))).toBe(true);
    const maxGapMs = histogram.max / 1e6;
    expect(
      maxGapMs,
      `max event-loop delay ${maxGapMs.toFixed(1)} ms over ${elapsed.toFixed(0)} ms`,
    ).toBeLessThan(50);
  });

  it('fails the calls of a crashed worker with a typed error and recovers on the next call', async () => {
    await host.login(rsaToken.slotId, DEMO_USER_PIN);
    const pending = host.sign(
      rsaToken.slotId,
      rsaToken.certificates[0]!.ckaIdHex,
      Buffer.alloc(4 * 1024 * 1024),
    );
    const failed = rejection(pending);
    await host.simulateCrash();
    const error = await failed;
    expect(error.code).toBe('MODULE_CRASHED');
    expect(error.message).toContain('libsofthsm2.so');

    const tokens = await host.listTokens();
    expect(tokens.map((t) => t.token.label)).toContain('ePass3003');
    await host.login(rsaToken.slotId, DEMO_USER_PIN);
    const data = Buffer.from('after restart');
    const signature = await host.sign(rsaToken.slotId, rsaToken.certificates[0]!.ckaIdHex, data);
    expect(verifies(rsaToken.certificates[0]!.der, data, signature)).toBe(true);
  });
});
