// U盾 drivers, the tokens they see and the certificates on them: each driver is present, built for
// this app's CPU, and loads; each certificate is valid and not about to expire.
import { posix, win32 } from 'node:path';
import { certificateTimeStatus, formatDay } from '../../../domain/certificate-status';
import type { ErrorCode } from '../../../domain/error-catalogue';
import { archLabel, readBinaryKind, type BinaryArch } from './binary-arch';
import { finding, type Finding } from './finding';

export interface ModuleTarget {
  path: string;
  kind: 'pkcs11' | 'skf';
}

export interface CertificateSummary {
  holder: string;
  notBefore: Date;
  notAfter: Date;
}

export interface TokenSummary {
  label: string;
  vendor: string;
  certificates: CertificateSummary[];
}

export type ProbeResult = { ok: true; tokens: TokenSummary[] } | { ok: false; code: ErrorCode };

/** Loads a PKCS#11 module and lists its tokens (the CLI opens it; the app asks its token watch). */
export type ModuleProbe = (path: string) => Promise<ProbeResult>;

export interface ModuleCheckInputs {
  targets: readonly ModuleTarget[];
  probe: ModuleProbe;
  appArch: BinaryArch;
  platform: NodeJS.Platform;
  /** The trusted time (the service's, when the PC clock is off). */
  now: Date;
}

const fileName = (path: string): string =>
  /^[A-Za-z]:[\\/]|\\/.test(path) ? win32.basename(path) : posix.basename(path);

export async function checkModules(inputs: ModuleCheckInputs): Promise<Finding[]> {
  if (inputs.targets.length === 0) {
    return [finding('modules', 'error', 'NO_TOKEN_MODULE', 'NO_TOKEN_MODULE')];
  }
  const findings: Finding[] = [];
  const tokens: TokenSummary[] = [];
  let loadedPkcs11 = 0;
  for (const target of inputs.targets) {
    const file = fileName(target.path);
    const kind = await readBinaryKind(target.path);
    if (kind === null) {
      findings.push(
        finding('modules', 'error', 'MODULE_MISSING', 'MODULE_MISSING', { file: target.path }),
      );
      continue;
    }
    if (kind.format !== 'unknown' && kind.arch !== inputs.appArch) {
      findings.push(
        finding('modules', 'error', 'MODULE_WRONG_ARCH', 'MODULE_ARCH_MISMATCH', {
          file: target.path,
          found: archLabel(kind.arch),
          expected: archLabel(inputs.appArch),
        }),
      );
      continue;
    }
    const native = inputs.platform === 'win32' ? 'pe' : 'elf';
    if (kind.format !== native) {
      findings.push(
        finding('modules', 'error', 'MODULE_NOT_A_LIBRARY', 'MODULE_NOT_A_LIBRARY', { file }),
      );
      continue;
    }
    if (target.kind === 'skf') {
      findings.push(
        finding('modules', 'ok', 'MODULE_OK', 'MODULE_OK', {
          file,
          arch: `SKF，${archLabel(kind.arch)}`,
        }),
      );
      continue;
    }
    const result = await inputs.probe(target.path);
    if (!result.ok) {
      findings.push(finding('modules', 'error', result.code, result.code, { file }));
      continue;
    }
    loadedPkcs11 += 1;
    findings.push(
      finding('modules', 'ok', 'MODULE_OK', 'MODULE_OK', { file, arch: archLabel(kind.arch) }),
    );
    tokens.push(...result.tokens);
  }
  if (loadedPkcs11 > 0) findings.push(...tokenFindings(tokens, inputs.now));
  return findings;
}

function tokenFindings(tokens: readonly TokenSummary[], now: Date): Finding[] {
  if (tokens.length === 0) return [finding('tokens', 'warning', 'TOKEN_NONE', 'TOKEN_NONE')];
  const findings: Finding[] = [];
  for (const token of tokens) {
    findings.push(
      finding('tokens', 'ok', 'TOKEN_OK', 'TOKEN_OK', { label: token.label, vendor: token.vendor }),
    );
    for (const cert of token.certificates) findings.push(certificateFinding(cert, now));
  }
  return findings;
}

export function certificateFinding(cert: CertificateSummary, now: Date): Finding {
  const status = certificateTimeStatus(cert.notBefore, cert.notAfter, now);
  const holder = cert.holder;
  switch (status.kind) {
    case 'valid':
      return finding('tokens', 'ok', 'CERT_OK', 'CERT_OK', {
        holder,
        date: formatDay(cert.notAfter),
      });
    case 'expiring':
      return finding('tokens', 'warning', 'CERT_EXPIRING', 'CERT_EXPIRING_SOON', {
        holder,
        date: formatDay(cert.notAfter),
        days: status.daysLeft,
      });
    case 'expired':
      return finding('tokens', 'error', 'CERT_EXPIRED', 'CERT_HAS_EXPIRED', {
        holder,
        date: formatDay(cert.notAfter),
      });
    case 'not-yet-valid':
      return finding('tokens', 'error', 'CERT_NOT_YET_VALID', 'CERT_NOT_YET_VALID_DIAG', {
        holder,
        date: formatDay(cert.notBefore),
      });
  }
}
