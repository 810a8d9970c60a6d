// SKF U-Keys behind the app's one token interface: the skf-sim library found through the
// config's extra SKF paths, loaded in its worker, seen coming and going, its PIN counter feeding
// the same PIN flags as PKCS#11, and its SM2 signatures checked by the openssl binary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm2Verify, sm2PublicKeyFromSpki } from '../../domain/crypto/sm2';
import { x509 } from '../../server/pki/x509';
import { SkfDeviceSource } from '../../electron/services/tokens/skf-device-source';
import { TokenService } from '../../electron/services/tokens/token-service';
import { ServerClock } from '../../electron/services/net/server-clock';
import type { TokenDevice } from '../../electron/services/tokens/token-device';
import {
  ensureSkfSimBuilt,
  makeSkfStateDir,
  makeSm2TestCa,
  opensslVerifiesSm2,
  provisionDevice,
  skfControl,
  type Sm2Leaf,
} from '../support/skf-sim';

const PIN = '12345678';
const stateDir = makeSkfStateDir();
let source: SkfDeviceSource;
let tokens: TokenService;
let signer: Sm2Leaf;
let encryption: Sm2Leaf;

/** Resolves once the source shows what `ready` looks for (it polls every 100 ms). */
function waitFor(ready: (devices: readonly TokenDevice[]) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready(source.devices())) return resolve();
    const off = source.onChange(() => {
      if (!ready(source.devices())) return;
      off();
      resolve();
    });
  });
}

const theKey = () => source.devices().find((d) => d.serial === 'WD0000042');

async function codeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
}

beforeAll(async () => {
  const library = await ensureSkfSimBuilt();
  process.env.SKF_SIM_STATE = stateDir;
  const ca = makeSm2TestCa();
  signer = ca.leaf('jbr', '/C=CN/O=测试单位/CN=李娜');
  encryption = ca.leaf('jbr-enc', '/C=CN/O=测试单位/CN=李娜', 'encrypt');
  await provisionDevice(stateDir, {
    name: 'WatchKey-1',
    label: '社保U盾',
    serial: 'WD0000042',
    manufacturer: 'Watchdata',
    application: 'SOCIAL',
    pin: PIN,
    maxRetries: 5,
    signDelayMs: 0,
    containers: [{ name: 'SM2', signKeyPem: signer.keyPem, signCertDer: signer.certDer, encCertDer: encryption.certDer }],
  }); // prettier-ignore
  source = new SkfDeviceSource({
    platform: 'linux',
    extraPaths: [library],
    scanRegistry: true,
    env: {},
    pollMs: 100,
  });
  tokens = new TokenService([source], null, new ServerClock());
  await tokens.start();
});

afterAll(async () => {
  await tokens?.stop();
});

describe('SKF device source', () => {
  it('shows the key with its signing certificate only, through the SKF interface', () => {
    const key = theKey();
    expect(key).toBeDefined();
    expect(key!.label).toBe('社保U盾');
    expect(key!.vendor).toBe('Shebao Desk');
    expect(key!.moduleFile).toBe('libskfsim.so');
    expect(key!.certificates).toHaveLength(1);
    expect(Buffer.from(key!.certificates[0]!.der)).toEqual(signer.certDer);
    const view = tokens.snapshot().tokens.find((t) => t.serial === 'WD0000042');
    expect(view?.api).toBe('skf');
    expect(view?.certificates.map((c) => c.algorithm)).toEqual(['SM2']);
    expect(view?.certificates.map((c) => c.holderName)).toEqual(['李娜']);
    expect(source.moduleErrors()).toEqual([]);
  });

  it('signs SM2 with SM3 (default ID) so that openssl and our verifier accept it', async () => {
    const key = theKey()!;
    await key.login(PIN);
    const text = Buffer.from('declare\n2026-12 增员 3人\n', 'utf8');
    const raw = await key.sign(key.certificates[0]!.ckaIdHex, text);
    expect(raw).toHaveLength(64);
    expect(opensslVerifiesSm2(signer.certFile, text, raw)).toBe(true);
    const spki = new Uint8Array(new x509.X509Certificate(signer.certDer).publicKey.rawData);
    expect(sm2Verify(sm2PublicKeyFromSpki(spki)!, text, raw)).toBe(true);
    expect(sm2Verify(sm2PublicKeyFromSpki(spki)!, Buffer.from('tampered'), raw)).toBe(false);
    await key.logout();
    expect(await codeOf(() => key.sign(key.certificates[0]!.ckaIdHex, text))).toBe(
      'TOKEN_SESSION_CLOSED',
    );
  });

  it('feeds SKF retry counts into the PIN flags: count low, final try, locked', async () => {
    const key = theKey()!;
    expect(await key.readPinState()).toMatchObject({ countLow: false, finalTry: false, locked: false });
    expect(await codeOf(() => key.login('00000000'))).toBe('PIN_INCORRECT');
    expect(await key.readPinState()).toMatchObject({ countLow: true, finalTry: false });
    await skfControl(stateDir, ['set-retries', '1']);
    expect(await key.readPinState()).toMatchObject({ finalTry: true, locked: false });
    await waitFor(() => theKey()?.pin.finalTry === true);
    expect(await codeOf(() => key.login('00000000'))).toBe('PIN_INCORRECT');
    expect(await key.readPinState()).toMatchObject({ locked: true });
    expect(await codeOf(() => key.login(PIN))).toBe('PIN_LOCKED');
    await waitFor(() => theKey()?.pin.locked === true);
    await skfControl(stateDir, ['unlock']);
    await key.login(PIN);
    expect(await key.readPinState()).toMatchObject({ countLow: false, locked: false });
  }); // prettier-ignore

  it('sees the key pulled out and put back; a login from before does not survive', async () => {
    const key = theKey()!;
    await key.login(PIN);
    await skfControl(stateDir, ['remove']);
    await waitFor((devices) => devices.length === 0);
    expect(await codeOf(() => key.sign(key.certificates[0]!.ckaIdHex, Buffer.from('x')))).toBe(
      'TOKEN_REMOVED',
    );
    await skfControl(stateDir, ['insert']);
    await waitFor((devices) => devices.length === 1);
    const back = theKey()!;
    expect(back.id).toBe(key.id); // the same key: the same device and certificate ids
    expect(await codeOf(() => back.sign(back.certificates[0]!.ckaIdHex, Buffer.from('x')))).toBe(
      'TOKEN_SESSION_CLOSED',
    );
  });

  it('names a configured library that is missing, with what to do', async () => {
    const other = new SkfDeviceSource({
      platform: 'linux',
      extraPaths: ['/opt/vendor/libnot-there-skf.so'],
      scanRegistry: false,
      env: {},
    });
    await other.start();
    try {
      expect(other.devices()).toEqual([]);
      expect(other.moduleErrors()).toEqual([
        expect.objectContaining({ code: 'MODULE_NOT_FOUND', message: expect.stringContaining('libnot-there-skf.so') }),
      ]); // prettier-ignore
    } finally {
      await other.stop();
    }
  });
});
