// The Debian packages the tests and the Linux demo use, and how to get them.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const systemPackages = [
  {
    pkg: 'softhsm2',
    file: '/usr/lib/softhsm/libsofthsm2.so',
    why: 'PKCS#11 token for the demo and tests',
  },
  { pkg: 'opensc', file: '/usr/bin/pkcs11-tool', why: 'pkcs11-tool, to test the token simulator' },
  { pkg: 'chromium', file: '/usr/bin/chromium', why: 'browser for end-to-end tests' },
  {
    pkg: 'libssl-dev',
    file: '/usr/include/openssl/evp.h',
    why: 'OpenSSL libcrypto headers: the token simulators (PKCS#11 and SKF) sign SM2 with it',
  },
  {
    pkg: 'openssl',
    file: '/usr/bin/openssl',
    why: 'independent SM2 signatures and checks in tests',
  },
  { pkg: 'poppler-utils', file: '/usr/bin/pdftotext', why: 'pdftotext, to read printed PDFs' },
  {
    pkg: 'fonts-noto-cjk',
    file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    why: 'a Chinese font: without one the interface and its screenshots show empty boxes',
  },
] as const;

/**
 * On Linux, a CJK font must be installed for the app to show Chinese: installed with apt-get when
 * we can, else the command is printed. Other systems ship one.
 */
export function ensureCjkFont(): boolean {
  if (process.platform !== 'linux') return true;
  const font = systemPackages.find((p) => p.pkg === 'fonts-noto-cjk')!;
  if (existsSync(font.file) || hasAnyCjkFont()) return true;
  return ensureSystemPackages([font.pkg]);
}

function hasAnyCjkFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

export function missingPackages(): string[] {
  return systemPackages.filter((p) => !existsSync(p.file)).map((p) => p.pkg);
}

export function installCommand(pkgs: readonly string[]): string {
  return `sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`;
}

/** Installs what is missing when we can (root on Debian); otherwise says what to run. */
export function ensureSystemPackages(pkgs: readonly string[] = missingPackages()): boolean {
  if (pkgs.length === 0) return true;
  const canApt =
    process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    console.error(
      `Missing system packages: ${pkgs.join(', ')}. Please run:\n  ${installCommand(pkgs)}`,
    );
    return false;
  }
  console.log(`Installing missing system packages with apt-get: ${pkgs.join(', ')}`);
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env });
    return missingPackages().length === 0;
  } catch {
    console.error(`apt-get failed. Please run:\n  ${installCommand(pkgs)}`);
    return false;
  }
}
