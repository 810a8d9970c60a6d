// SM2 on the U-Key simulator: key pairs generated on the token under a vendor's numbering, a
// signing and an encryption certificate beside them (a dual-certificate U盾), and the app's token
// wrapper signing with whichever mechanism the vendor offers: the message with SM3 inside
// (gm-vendor) or a precomputed e (ibm). The signatures verify with our SM2 code and with the
// openssl binary; the PIN counter, removal and injected failures work as for RSA keys.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkcs11js from 'pkcs11js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sm2PublicKeyFromSpki, sm2RawToDer, sm2Verify } from '../../domain/crypto/sm2';
import { AppError } from '../../domain/errors';
import { x509 } from '../../domain/x509';
import { Pkcs11ModuleHost } from '../../native/pkcs11/module-host';
import { DEMO_SO_PIN, DEMO_USER_PIN, demoPersons, personHolder } from '../../server/demo/demo-data';
import { createTestPki, leafSpec } from '../pki/pki';
import { openPkcs11, provisionToken, type ProvisionedToken } from '../pki/provision-token';
import { createSm2TestPki } from '../pki/sm2-pki';
import { openssl, opensslSm2Verify } from '../support/openssl-sm2';
import { createSoftHsmDir, useSoftHsm } from '../support/softhsm';
import {
  ensureUkeySimBuilt,
  makeSimEnv,
  makeSimStateDir,
  readSlotState,
  simControl,
  updateSlotState,
} from '../support/ukey-sim';

const LABEL = 'GM3000-SM2';
const hsm = createSoftHsmDir();
const stateDir = makeSimStateDir();
const keysDir = mkdtempSync(join(tmpdir(), 'shebao-sm2-keys-'));
const work = mkdtempSync(join(tmpdir(), 'shebao-sm2-sig-'));
Object.assign(process.env, hsm.env, makeSimEnv({ stateDir, delayMs: 20, maxRetries: 5 }), {
  UKEY_SIM_KEYS: keysDir,
});

let modulePath: string;
let token: ProvisionedToken;
let slotId: string;
const text = Buffer.from('shebao-desk login v1\n国密签名测试', 'utf8');

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

function pointOf(der: Buffer): Uint8Array {
  const cert = new x509.X509Certificate(new Uint8Array(der));
  const point = sm2PublicKeyFromSpki(new Uint8Array(cert.publicKey.rawData));
  if (!point) throw new Error('not an SM2 certificate');
  return point;
}

/** Signs `text` with the signing key through the app's token wrapper, in a fresh host. */
async function signThroughApp(): Promise<Buffer> {
  const host = await Pkcs11ModuleHost.open(modulePath);
  try {
    await host.login(slotId, DEMO_USER_PIN);
    return await host.sign(slotId, token.certificates[0]!.ckaIdHex, text);
  } finally {
    await host.close();
  }
}

beforeAll(async () => {
  modulePath = await ensureUkeySimBuilt();
  useSoftHsm(hsm);
  const sm2 = createSm2TestPki();
  const lib = openPkcs11(modulePath, { requireFresh: true });
  try {
    token = await provisionToken(
      lib,
      await createTestPki(),
      {
        label: LABEL,
        soPin: DEMO_SO_PIN,
        userPin: DEMO_USER_PIN,
        certificates: [
          {
            label: '张伟（签名）',
            alg: 'sm2',
            leaf: leafSpec(personHolder(demoPersons.legal)),
          },
          {
            label: '张伟（加密）',
            alg: 'sm2',
            leaf: leafSpec(personHolder(demoPersons.legal), { usage: 'encipherment-only' }),
          },
        ],
      },
      sm2,
    );
  } finally {
    lib.C_Finalize();
    lib.close();
  }
  // SoftHSM2 gives an initialised token its lasting slot id when it is loaded afresh.
  const host = await Pkcs11ModuleHost.open(modulePath);
  try {
    const listed = (await host.listTokens()).find(
      (t) => t.token.serialNumber === token.serialNumber,
    );
    slotId = listed!.slotId;
  } finally {
    await host.close();
  }
}, 120_000);

afterEach(async () => {
  // Back to a present, unlocked gm-vendor key with no failure planned.
  await updateSlotState(stateDir, slotId, (s) => ({
    ...s,
    present: true,
    retriesLeft: undefined,
    sm2Profile: undefined,
    failSignAt: 0,
  }));
});

afterAll(() => {
  for (const d of [stateDir, keysDir, work, hsm.root]) rmSync(d, { recursive: true, force: true });
});

describe('SM2 keys on the simulated U-Key', () => {
  it('the keys were made on the token: its key store holds them, no key file was written elsewhere', () => {
    expect(readdirSync(keysDir)).toEqual([`sm2-${token.serialNumber}.keys`]);
    expect(token.certificates.map((c) => c.alg)).toEqual(['sm2', 'sm2']);
  });

  it('gm-vendor numbering: the module lists CKM_SM3_SM2 and files the keys as CKK_VENDOR_DEFINED+4; private keys only after login', () => {
    const lib = openPkcs11(modulePath);
    try {
      const slot = lib.C_GetSlotList(true).find((s) => s.readBigUInt64LE(0).toString() === slotId)!;
      const mechanisms = lib.C_GetMechanismList(slot);
      expect(mechanisms).toEqual(expect.arrayContaining([0x80008001, 0x80008100]));
      expect(lib.C_GetMechanismInfo(slot, 0x80008100).flags & pkcs11js.CKF_SIGN).toBeTruthy();
      const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
      const find = (cls: number) => {
        lib.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: cls }]);
        const found = lib.C_FindObjects(session, 10);
        lib.C_FindObjectsFinal(session);
        return found;
      };
      expect(find(pkcs11js.CKO_PRIVATE_KEY)).toHaveLength(0);
      const [pub] = find(pkcs11js.CKO_PUBLIC_KEY);
      const [keyType] = lib.C_GetAttributeValue(session, pub!, [{ type: pkcs11js.CKA_KEY_TYPE }]);
      expect(keyType!.value.readUInt32LE(0)).toBe(0x80000004);
      lib.C_Login(session, pkcs11js.CKU_USER, DEMO_USER_PIN);
      const privates = find(pkcs11js.CKO_PRIVATE_KEY);
      expect(privates).toHaveLength(2);
      expect(() =>
        lib.C_GetAttributeValue(session, privates[0]!, [{ type: pkcs11js.CKA_VALUE }]),
      ).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
      lib.C_Logout(session);
      lib.C_CloseSession(session);
    } finally {
      lib.C_Finalize();
      lib.close();
    }
  });

  it('the app lists both certificates of the dual-certificate U盾 with their keys', async () => {
    const host = await Pkcs11ModuleHost.open(modulePath);
    try {
      const entry = (await host.listTokens()).find((t) => t.token.label === LABEL)!;
      // A token lists its objects in no promised order.
      const listed = entry.certificates.map((c) => [c.label, c.hasPrivateKey] as const);
      expect([...listed].sort(([a], [b]) => a.localeCompare(b))).toEqual([
        ['张伟（加密）', true],
        ['张伟（签名）', true],
      ]);
    } finally {
      await host.close();
    }
  });
});

describe('signing through the app’s token wrapper', () => {
  it('gm-vendor (the token hashes SM3(Z‖M)): raw r‖s that verifies with ours and with openssl', async () => {
    const signature = await signThroughApp();
    expect(signature).toHaveLength(64);
    const der = token.certificates[0]!.der;
    expect(sm2Verify(pointOf(der), text, signature)).toBe(true);
    expect(sm2Verify(pointOf(der), Buffer.from('other'), signature)).toBe(false);
    const certFile = join(work, 'sign.pem');
    writeFileSync(certFile, token.certificates[0]!.pem);
    const pub = join(work, 'sign.pub.pem');
    writeFileSync(pub, openssl(['x509', '-in', certFile, '-pubkey', '-noout']));
    expect(opensslSm2Verify(work, pub, text, sm2RawToDer(signature))).toBe(true);
  });

  it('ibm (the token signs a precomputed e): same kind of signature after `ukey-sim profile ibm`', async () => {
    // As a person would switch it: `npm run ukey-sim -- profile ibm --label GM3000-SM2`.
    const out = await simControl(stateDir, ['profile', 'ibm', '--label', LABEL]);
    expect(out.stdout).toMatch(/GM3000-SM2.*ibm/);
    const lib = openPkcs11(modulePath);
    try {
      const slot = lib.C_GetSlotList(true).find((s) => s.readBigUInt64LE(0).toString() === slotId)!;
      const mechanisms = lib.C_GetMechanismList(slot);
      expect(mechanisms).toEqual(expect.arrayContaining([0x8005000a, 0x8005000b]));
      expect(mechanisms).not.toContain(0x80008100);
    } finally {
      lib.C_Finalize();
      lib.close();
    }
    const signature = await signThroughApp();
    expect(signature).toHaveLength(64);
    expect(sm2Verify(pointOf(token.certificates[0]!.der), text, signature)).toBe(true);
  });

  it('without SM2 in the module (profile none) the key is not found', async () => {
    await updateSlotState(stateDir, slotId, (s) => ({ ...s, sm2Profile: 'none' }));
    const error = await rejection(signThroughApp());
    expect(error.code).toBe('TOKEN_KEY_NOT_FOUND');
  });
});

describe('the U-Key’s behaviour applies to SM2 keys too', () => {
  it('a wrong PIN counts down the same counter', async () => {
    const host = await Pkcs11ModuleHost.open(modulePath);
    try {
      const error = await rejection(host.login(slotId, '000000'));
      expect(error.code).toBe('PIN_INCORRECT');
      expect((await readSlotState(stateDir, slotId)).retriesLeft).toBe(4);
    } finally {
      await host.close();
    }
  });

  it('pulled out after login, the SM2 signature fails with TOKEN_REMOVED', async () => {
    const host = await Pkcs11ModuleHost.open(modulePath);
    try {
      await host.login(slotId, DEMO_USER_PIN);
      await updateSlotState(stateDir, slotId, (s) => ({
        ...s,
        present: false,
        removals: s.removals + 1,
      }));
      const error = await rejection(host.sign(slotId, token.certificates[0]!.ckaIdHex, text));
      expect(error.code).toBe('TOKEN_REMOVED');
    } finally {
      await host.close();
    }
  });

  it('an injected device failure hits the SM2 signature, and the next one works', async () => {
    await updateSlotState(stateDir, slotId, (s) => ({ ...s, failSignAt: 1, signCount: 0 }));
    const host = await Pkcs11ModuleHost.open(modulePath);
    try {
      await host.login(slotId, DEMO_USER_PIN);
      const ckaId = token.certificates[0]!.ckaIdHex;
      const error = await rejection(host.sign(slotId, ckaId, text));
      expect(error.code).toBe('TOKEN_DEVICE_ERROR');
      expect(await host.sign(slotId, ckaId, text)).toHaveLength(64);
    } finally {
      await host.close();
    }
  });
});
