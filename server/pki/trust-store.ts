// The CA certificates and CRLs the service trusts, read from a directory: *.pem / *.crt / *.cer
// (PEM, possibly several per file, or DER) and *.crl (DER or PEM). Self-signed certificates are
// the roots; the others are intermediates, usable only if they chain to a root.
// The directory is re-read when a file in it changes, so a new CRL takes effect without a restart.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { x509 } from './x509';

export interface TrustMaterial {
  roots: x509.X509Certificate[];
  intermediates: x509.X509Certificate[];
  crls: x509.X509Crl[];
}

export class TrustStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrustStoreError';
  }
}

const CERT_EXT = new Set(['.pem', '.crt', '.cer']);
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

function pemBlocks(text: string, label: string): string[] {
  return [...text.matchAll(PEM_BLOCK)].filter((m) => m[1] === label).map((m) => m[0]);
}

/** The `label` blocks of a PEM file, or the whole file as one DER object. */
function readPemOrDer<T>(
  file: string,
  label: string,
  parse: (data: string | Buffer<ArrayBuffer>) => T,
): T[] {
  const raw = readFileSync(file);
  const text = raw.toString('latin1');
  if (text.includes('-----BEGIN')) return pemBlocks(text, label).map((b) => parse(b));
  return [parse(raw)];
}

function readCertificates(file: string): x509.X509Certificate[] {
  return readPemOrDer(file, 'CERTIFICATE', (data) => new x509.X509Certificate(data));
}

function readCrls(file: string): x509.X509Crl[] {
  return readPemOrDer(file, 'X509 CRL', (data) => new x509.X509Crl(data));
}

function load(dir: string): TrustMaterial {
  const material: TrustMaterial = { roots: [], intermediates: [], crls: [] };
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    const ext = extname(name).toLowerCase();
    try {
      if (CERT_EXT.has(ext)) {
        for (const cert of readCertificates(file)) {
          (cert.subject === cert.issuer ? material.roots : material.intermediates).push(cert);
        }
      } else if (ext === '.crl') {
        material.crls.push(...readCrls(file));
      }
    } catch (cause) {
      throw new TrustStoreError(`Cannot read ${file} in the trust store: ${String(cause)}`);
    }
  }
  return material;
}

export class TrustStore {
  private stamp = '';
  private material: TrustMaterial | null = null;

  constructor(readonly dir: string) {}

  /** Throws TrustStoreError when the directory is missing, unreadable, or holds no root. */
  current(): TrustMaterial {
    const stamp = this.fingerprint();
    if (this.material === null || stamp !== this.stamp) {
      const material = load(this.dir);
      if (material.roots.length === 0) {
        throw new TrustStoreError(
          `The trust store ${this.dir} holds no root CA certificate (*.pem).`,
        );
      }
      this.material = material;
      this.stamp = stamp;
    }
    return this.material;
  }

  private fingerprint(): string {
    let names: string[];
    try {
      names = readdirSync(this.dir).sort();
    } catch {
      throw new TrustStoreError(`The trust store directory ${this.dir} does not exist.`);
    }
    return names
      .map((name) => {
        const st = statSync(join(this.dir, name));
        return `${name}:${st.size}:${st.mtimeMs}`;
      })
      .join('|');
  }
}
