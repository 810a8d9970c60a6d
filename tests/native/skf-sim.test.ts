// The SKF simulator through the app's own SKF binding (koffi): the GM/T 0016 structures and
// return values, SM2 signatures that the openssl binary verifies, the PIN counter and its lock,
// removal, device events, and the control command changing what the library reports.
import koffi from 'koffi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signatureBlobToRaw } from '../../native/skf/ecc-blob';
import {
  DEVINFO_TYPE,
  SkfLibrary,
  SM2_DEFAULT_ID,
  type SkfHandle,
} from '../../native/skf/skf-library';
import {
  ensureSkfSimBuilt,
  makeSkfStateDir,
  makeSm2TestCa,
  opensslVerifiesSm2,
  provisionDevice,
  readDeviceState,
  skfControl,
  type Sm2Leaf,
} from '../support/skf-sim';

const PIN = '123456';
const stateDir = makeSkfStateDir();
let lib: SkfLibrary;
let signer: Sm2Leaf;
let encryption: Sm2Leaf;
let other: Sm2Leaf;
let libraryPath: string;

async function provision(): Promise<void> {
  await provisionDevice(stateDir, {
    name: 'GM3000-0001',
    label: '李娜的U盾',
    serial: 'LM2026000001',
    manufacturer: 'Longmai',
    application: 'SHEBAO_APP',
    pin: PIN,
    maxRetries: 3,
    signDelayMs: 0,
    containers: [
      { name: 'SM2_SIGN', signKeyPem: signer.keyPem, signCertDer: signer.certDer, encCertDer: encryption.certDer },
    ],
  }); // prettier-ignore
  await provisionDevice(stateDir, {
    name: 'EPASS-0002',
    label: 'ePass3000GM',
    serial: 'FT0002',
    manufacturer: 'Feitian',
    application: 'FT_APP',
    pin: '88888888',
    signDelayMs: 0,
    containers: [{ name: 'c1', signKeyPem: other.keyPem, signCertDer: other.certDer }],
  });
}

interface Opened {
  dev: SkfHandle;
  app: SkfHandle;
  con: SkfHandle;
}

function open(name = 'GM3000-0001'): Opened {
  const dev = lib.connect(name);
  const [appName] = lib.applications(dev);
  const app = lib.openApplication(dev, appName!);
  const [conName] = lib.containers(app);
  return { dev, app, con: lib.openContainer(app, conName!) };
}

function sign(o: Opened, data: Buffer): Buffer {
  const e = lib.sm2Digest(o.dev, lib.publicKeyBlob(o.con), SM2_DEFAULT_ID, data);
  return signatureBlobToRaw(lib.signDigest(o.con, e));
}

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
}

beforeAll(async () => {
  libraryPath = await ensureSkfSimBuilt();
  process.env.SKF_SIM_STATE = stateDir; // the library reads it on every call
  const ca = makeSm2TestCa();
  signer = ca.leaf('lina', '/C=CN/O=Test Unit/CN=李娜');
  encryption = ca.leaf('lina-enc', '/C=CN/O=Test Unit/CN=李娜', 'encrypt');
  other = ca.leaf('other', '/C=CN/O=Test Unit/CN=王芳');
  lib = SkfLibrary.load(libraryPath);
});

beforeEach(provision);

afterAll(() => {
  lib?.unload();
});

describe('skf-sim through the SKF binding', () => {
  it('lists the devices and reads DEVINFO with the packed GM/T 0016 layout', () => {
    expect(koffi.sizeof(DEVINFO_TYPE)).toBe(294); // packed: no padding after the 198 text bytes
    expect(lib.enumDevices(true)).toEqual(['EPASS-0002', 'GM3000-0001']);
    const dev = lib.connect('GM3000-0001');
    expect(lib.deviceInfo(dev)).toEqual({
      manufacturer: 'Longmai',
      issuer: 'Shebao Desk skf-sim',
      label: '李娜的U盾',
      serialNumber: 'LM2026000001',
    });
    lib.disconnect(dev);
  });

  it('exports the signing and the encryption certificate of a dual-certificate container', () => {
    const o = open();
    expect(lib.containerType(o.con)).toBe(2); // ECC
    expect(lib.certificate(o.con, true)).toEqual(signer.certDer);
    expect(lib.certificate(o.con, false)).toEqual(encryption.certDer);
    const again = open('EPASS-0002');
    expect(lib.certificate(again.con, false)).toBeNull();
  });

  it('signs SM3(Z ‖ M) with the default ID so that openssl verifies it; another text does not', () => {
    const o = open();
    lib.verifyPin(o.app, PIN);
    const text = Buffer.from('login\nhttps://si.example.cn\n张三 110101199003077777\n', 'utf8');
    const raw = sign(o, text);
    expect(raw).toHaveLength(64);
    expect(opensslVerifiesSm2(signer.certFile, text, raw)).toBe(true);
    expect(opensslVerifiesSm2(signer.certFile, Buffer.from('other text'), raw)).toBe(false);
    expect(opensslVerifiesSm2(other.certFile, text, raw)).toBe(false);
  });

  it('refuses to sign before the PIN is verified', () => {
    const o = open();
    const e = lib.sm2Digest(o.dev, lib.publicKeyBlob(o.con), SM2_DEFAULT_ID, Buffer.from('x'));
    expect(codeOf(() => lib.signDigest(o.con, e))).toBe('TOKEN_SESSION_CLOSED');
  });

  it('counts wrong PINs down to the lock, then refuses even the right one until unlocked', async () => {
    const o = open();
    expect(lib.pinInfo(o.app)).toMatchObject({ maxRetries: 3, retriesLeft: 3 });
    expect(codeOf(() => lib.verifyPin(o.app, '000000'))).toBe('PIN_INCORRECT');
    expect(lib.pinInfo(o.app).retriesLeft).toBe(2);
    expect(codeOf(() => lib.verifyPin(o.app, '000000'))).toBe('PIN_INCORRECT');
    expect(lib.pinInfo(o.app).retriesLeft).toBe(1);
    expect(codeOf(() => lib.verifyPin(o.app, '000000'))).toBe('PIN_INCORRECT');
    expect(lib.pinInfo(o.app).retriesLeft).toBe(0);
    expect(codeOf(() => lib.verifyPin(o.app, PIN))).toBe('PIN_LOCKED');
    expect((await readDeviceState(stateDir, 'GM3000-0001')).retriesLeft).toBe(0);

    const { stdout } = await skfControl(stateDir, ['unlock', '--device', 'GM3000-0001']);
    expect(stdout).toMatch(/GM3000-0001\s+李娜的U盾\s+yes\s+3\/3/);
    lib.verifyPin(o.app, PIN);
    expect(lib.pinInfo(o.app).retriesLeft).toBe(3);
  });

  it('a right PIN after a wrong one restores the full count; a short PIN is a length error', () => {
    const o = open();
    expect(codeOf(() => lib.verifyPin(o.app, '000000'))).toBe('PIN_INCORRECT');
    lib.verifyPin(o.app, PIN);
    expect(lib.pinInfo(o.app).retriesLeft).toBe(3);
    expect(codeOf(() => lib.verifyPin(o.app, '12'))).toBe('PIN_LEN_RANGE');
    expect(lib.pinInfo(o.app).retriesLeft).toBe(3);
  });

  it('set-retries 1 leaves the final try, as the control command shows', async () => {
    const { stdout } = await skfControl(stateDir, ['set-retries', '1', '--device', 'GM3000-0001']);
    expect(stdout).toMatch(/GM3000-0001.*1\/3/);
    const o = open();
    expect(lib.pinInfo(o.app).retriesLeft).toBe(1);
  });

  it('pulling the key out kills its handles, even after it is put back', async () => {
    const o = open();
    lib.verifyPin(o.app, PIN);
    const { stdout } = await skfControl(stateDir, ['remove', '--device', 'GM3000-0001']);
    expect(stdout).toMatch(/GM3000-0001.*REMOVED/);
    expect(lib.enumDevices(true)).toEqual(['EPASS-0002']);
    expect(lib.enumDevices(false)).toEqual(['EPASS-0002', 'GM3000-0001']);
    expect(codeOf(() => sign(o, Buffer.from('x')))).toBe('TOKEN_REMOVED');
    expect(codeOf(() => lib.connect('GM3000-0001'))).toBe('TOKEN_REMOVED');

    await skfControl(stateDir, ['insert', '--device', 'GM3000-0001']);
    expect(lib.enumDevices(true)).toEqual(['EPASS-0002', 'GM3000-0001']);
    expect(codeOf(() => lib.pinInfo(o.app))).toBe('TOKEN_REMOVED');
    const fresh = open();
    expect(codeOf(() => lib.signDigest(fresh.con, Buffer.alloc(32)))).toBe('TOKEN_SESSION_CLOSED');
  });

  it('SKF_WaitForDevEvent reports keys plugged in since loading, a removal and an insertion', async () => {
    const raw = koffi.load(libraryPath);
    const wait = raw.func(
      'uint32_t SKF_WaitForDevEvent(_Out_ uint8_t *name, _Inout_ uint32_t *len, _Out_ uint32_t *event)',
    );
    const cancel = raw.func('uint32_t SKF_CancelWaitForDevEvent()');
    const waitOnce = () =>
      new Promise<{ rv: number; name: string; event: number }>((resolve, reject) => {
        const name = Buffer.alloc(128);
        const len = [name.length];
        const event = [0];
        wait.async(name, len, event, (error: unknown, rv: number) => {
          if (error) reject(error as Error);
          else resolve({ rv, name: name.toString('utf8', 0, (len[0] ?? 1) - 1), event: event[0] ?? 0 });
        });
      }); // prettier-ignore
    try {
      // The library was loaded before the devices were made: both count as plugged in since.
      expect(await waitOnce()).toEqual({ rv: 0, name: 'EPASS-0002', event: 1 });
      expect(await waitOnce()).toEqual({ rv: 0, name: 'GM3000-0001', event: 1 });
      const removal = waitOnce();
      await skfControl(stateDir, ['remove', '--device', 'EPASS-0002']);
      expect(await removal).toEqual({ rv: 0, name: 'EPASS-0002', event: 2 });
      const insertion = waitOnce();
      await skfControl(stateDir, ['insert', '--device', 'EPASS-0002']);
      expect(await insertion).toEqual({ rv: 0, name: 'EPASS-0002', event: 1 });
      const cancelled = waitOnce();
      cancel();
      expect((await cancelled).rv).toBe(0x0a000022); // SAR_NOT_EVENTERR
    } finally {
      raw.unload();
    }
  });

  it('exports both the standard SKF_GetContainerType and the misspelled alias', () => {
    const raw = koffi.load(libraryPath);
    try {
      const o = open();
      const misspelled = raw.func('uint32_t SKF_GetContianerType(void *h, _Out_ uint32_t *type)');
      const type = [0];
      expect(misspelled(o.con, type)).toBe(0);
      expect(type[0]).toBe(2);
    } finally {
      raw.unload();
    }
  });
});
