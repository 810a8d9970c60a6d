// Helpers for tests that use the SKF simulator (native/skf-sim): an SM2 CA and leaves made with
// the openssl binary, provisioned into a fresh state directory, and the control command run in
// a child process as a person would run `npm run skf-sim -- ...`.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSkfSimBuilt, SKF_SIM_LIBRARY } from '../../native/skf-sim/build';
import { provisionDevice, readDeviceState } from '../../native/skf-sim/state-file';

export { ensureSkfSimBuilt, SKF_SIM_LIBRARY, provisionDevice, readDeviceState };

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CONTROL = join(ROOT, 'native', 'skf-sim', 'control.ts');
export const SM2_ID = '1234567812345678';

export function makeSkfStateDir(): string {
  return mkdtempSync(join(tmpdir(), 'shebao-skf-sim-'));
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe', timeout: 60_000 });
}

export interface Sm2Leaf {
  keyPem: string;
  certDer: Buffer;
  certPem: string;
  /** The certificate's file, for `openssl dgst -verify` after extracting its key. */
  certFile: string;
}

export interface Sm2TestCa {
  dir: string;
  caPem: string;
  caFile: string;
  leaf(name: string, subject: string, usage?: 'sign' | 'encrypt'): Sm2Leaf;
}

/** An SM2 root (SM2-with-SM3, ID 1234567812345678) that issues leaves with the openssl CLI. */
export function makeSm2TestCa(): Sm2TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'shebao-sm2-ca-'));
  openssl(['genpkey', '-algorithm', 'SM2', '-out', 'ca.key'], dir);
  const idOpts = ['-sm3', '-sigopt', `distid:${SM2_ID}`];
  openssl(
    [
      'req', '-utf8', '-new', '-x509', '-key', 'ca.key', ...idOpts, '-days', '3650',
      '-subj', '/C=CN/O=Shebao Test SM2 CA/CN=Shebao Test SM2 Root',
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
      '-out', 'ca.pem',
    ],
    dir,
  ); // prettier-ignore
  let serial = 1;
  return {
    dir,
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    caFile: join(dir, 'ca.pem'),
    leaf(name, subject, usage = 'sign') {
      const ext = join(dir, `${name}.ext`);
      writeFileSync(
        ext,
        usage === 'sign'
          ? 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n'
          : 'basicConstraints=CA:FALSE\nkeyUsage=critical,keyEncipherment,dataEncipherment\n',
      );
      openssl(['genpkey', '-algorithm', 'SM2', '-out', `${name}.key`], dir);
      openssl(['req', '-utf8', '-new', '-key', `${name}.key`, ...idOpts, '-subj', subject, '-out', `${name}.csr`], dir); // prettier-ignore
      openssl(
        [
          'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', ...idOpts,
          '-vfyopt', `distid:${SM2_ID}`, '-set_serial', String(serial++), '-days', '365',
          '-extfile', ext, '-out', `${name}.pem`,
        ],
        dir,
      ); // prettier-ignore
      openssl(['x509', '-in', `${name}.pem`, '-outform', 'DER', '-out', `${name}.der`], dir);
      return {
        keyPem: readFileSync(join(dir, `${name}.key`), 'utf8'),
        certDer: readFileSync(join(dir, `${name}.der`)),
        certPem: readFileSync(join(dir, `${name}.pem`), 'utf8'),
        certFile: join(dir, `${name}.pem`),
      };
    },
  };
}

/** Raw r ‖ s (64 bytes) → the DER SEQUENCE openssl verifies. */
export function rawToDer(raw: Uint8Array): Buffer {
  const integer = (bytes: Uint8Array) => {
    let b = Buffer.from(bytes);
    while (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) b = b.subarray(1);
    if (b[0]! & 0x80) b = Buffer.concat([Buffer.of(0), b]);
    return Buffer.concat([Buffer.of(0x02, b.length), b]);
  };
  const body = Buffer.concat([integer(raw.subarray(0, 32)), integer(raw.subarray(32, 64))]);
  return Buffer.concat([Buffer.of(0x30, body.length), body]);
}

/**
 * Verifies an SM2 signature (raw r ‖ s) over `data` with the certificate's key, by the openssl
 * binary with the default ID: true only when openssl prints "Verified OK".
 */
export function opensslVerifiesSm2(certFile: string, data: Uint8Array, raw: Uint8Array): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'shebao-sm2-verify-'));
  const pub = join(dir, 'pub.pem');
  writeFileSync(join(dir, 'data'), data);
  writeFileSync(join(dir, 'sig.der'), rawToDer(raw));
  execFileSync('openssl', ['x509', '-in', certFile, '-pubkey', '-noout', '-out', pub]);
  try {
    const out = execFileSync(
      'openssl',
      ['dgst', '-sm3', '-verify', pub, '-sigopt', `distid:${SM2_ID}`, '-signature', 'sig.der', 'data'],
      { cwd: dir, stdio: 'pipe' },
    ); // prettier-ignore
    return out.toString().includes('Verified OK');
  } catch {
    return false;
  }
}

export function skfControl(
  stateDir: string,
  args: readonly string[],
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      TSX,
      [CONTROL, ...args],
      { cwd: ROOT, env: { ...process.env, SKF_SIM_STATE: stateDir }, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`skf-sim ${args.join(' ')} failed: ${stderr || error.message}`));
          return;
        }
        resolvePromise({ stdout, stderr });
      },
    );
  });
}
