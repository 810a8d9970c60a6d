// PKCS#11 return values (CKR_*) and module load failures → catalogue codes. Pure and
// table-driven so the mapping is testable without a token; the numbers are the standard ones
// (PKCS#11 v2.40, pkcs11t.h) and a unit test checks them against pkcs11js.
import { AppError } from '../../domain/errors';
import type { ErrorCode } from '../../domain/error-catalogue';

interface CkrEntry {
  readonly name: string;
  readonly code: ErrorCode;
}

/** Every CKR_* a token can return at the calls we make (load, init, list, login, sign, logout). */
export const ckrTable: ReadonlyMap<number, CkrEntry> = new Map<number, CkrEntry>([
  [0x001, { name: 'CKR_CANCEL', code: 'TOKEN_USER_CANCELLED' }],
  [0x002, { name: 'CKR_HOST_MEMORY', code: 'TOKEN_FAILED' }],
  [0x003, { name: 'CKR_SLOT_ID_INVALID', code: 'TOKEN_REMOVED' }],
  [0x005, { name: 'CKR_GENERAL_ERROR', code: 'TOKEN_FAILED' }],
  [0x006, { name: 'CKR_FUNCTION_FAILED', code: 'TOKEN_FAILED' }],
  [0x007, { name: 'CKR_ARGUMENTS_BAD', code: 'TOKEN_FAILED' }],
  [0x00a, { name: 'CKR_CANT_LOCK', code: 'MODULE_LOAD_FAILED' }],
  [0x020, { name: 'CKR_DATA_INVALID', code: 'TOKEN_FAILED' }],
  [0x021, { name: 'CKR_DATA_LEN_RANGE', code: 'TOKEN_MECHANISM_UNSUPPORTED' }],
  [0x030, { name: 'CKR_DEVICE_ERROR', code: 'TOKEN_DEVICE_ERROR' }],
  [0x031, { name: 'CKR_DEVICE_MEMORY', code: 'TOKEN_DEVICE_ERROR' }],
  [0x032, { name: 'CKR_DEVICE_REMOVED', code: 'TOKEN_REMOVED' }],
  [0x050, { name: 'CKR_FUNCTION_CANCELED', code: 'TOKEN_USER_CANCELLED' }],
  [0x054, { name: 'CKR_FUNCTION_NOT_SUPPORTED', code: 'TOKEN_MECHANISM_UNSUPPORTED' }],
  [0x060, { name: 'CKR_KEY_HANDLE_INVALID', code: 'TOKEN_KEY_NOT_FOUND' }],
  [0x062, { name: 'CKR_KEY_SIZE_RANGE', code: 'TOKEN_MECHANISM_UNSUPPORTED' }],
  [0x063, { name: 'CKR_KEY_TYPE_INCONSISTENT', code: 'TOKEN_MECHANISM_UNSUPPORTED' }],
  [0x068, { name: 'CKR_KEY_FUNCTION_NOT_PERMITTED', code: 'CERT_BAD_USAGE' }],
  [0x070, { name: 'CKR_MECHANISM_INVALID', code: 'TOKEN_MECHANISM_UNSUPPORTED' }],
  [0x071, { name: 'CKR_MECHANISM_PARAM_INVALID', code: 'TOKEN_MECHANISM_UNSUPPORTED' }],
  [0x082, { name: 'CKR_OBJECT_HANDLE_INVALID', code: 'TOKEN_KEY_NOT_FOUND' }],
  [0x090, { name: 'CKR_OPERATION_ACTIVE', code: 'TOKEN_BUSY' }],
  [0x091, { name: 'CKR_OPERATION_NOT_INITIALIZED', code: 'TOKEN_FAILED' }],
  [0x0a0, { name: 'CKR_PIN_INCORRECT', code: 'PIN_INCORRECT' }],
  [0x0a1, { name: 'CKR_PIN_INVALID', code: 'PIN_INVALID' }],
  [0x0a2, { name: 'CKR_PIN_LEN_RANGE', code: 'PIN_LEN_RANGE' }],
  [0x0a3, { name: 'CKR_PIN_EXPIRED', code: 'PIN_EXPIRED' }],
  [0x0a4, { name: 'CKR_PIN_LOCKED', code: 'PIN_LOCKED' }],
  [0x0b0, { name: 'CKR_SESSION_CLOSED', code: 'TOKEN_SESSION_CLOSED' }],
  [0x0b1, { name: 'CKR_SESSION_COUNT', code: 'TOKEN_BUSY' }],
  [0x0b3, { name: 'CKR_SESSION_HANDLE_INVALID', code: 'TOKEN_SESSION_CLOSED' }],
  [0x0b4, { name: 'CKR_SESSION_PARALLEL_NOT_SUPPORTED', code: 'TOKEN_FAILED' }],
  [0x0b6, { name: 'CKR_SESSION_EXISTS', code: 'TOKEN_BUSY' }],
  [0x0b8, { name: 'CKR_SESSION_READ_WRITE_SO_EXISTS', code: 'TOKEN_BUSY' }],
  [0x0e0, { name: 'CKR_TOKEN_NOT_PRESENT', code: 'TOKEN_NOT_PRESENT' }],
  [0x0e1, { name: 'CKR_TOKEN_NOT_RECOGNIZED', code: 'TOKEN_NOT_RECOGNIZED' }],
  [0x100, { name: 'CKR_USER_ALREADY_LOGGED_IN', code: 'TOKEN_BUSY' }],
  [0x101, { name: 'CKR_USER_NOT_LOGGED_IN', code: 'TOKEN_SESSION_CLOSED' }],
  [0x102, { name: 'CKR_USER_PIN_NOT_INITIALIZED', code: 'PIN_NOT_INITIALIZED' }],
  [0x103, { name: 'CKR_USER_TYPE_INVALID', code: 'TOKEN_FAILED' }],
  [0x104, { name: 'CKR_USER_ANOTHER_ALREADY_LOGGED_IN', code: 'TOKEN_BUSY' }],
  [0x105, { name: 'CKR_USER_TOO_MANY_TYPES', code: 'TOKEN_BUSY' }],
  [0x150, { name: 'CKR_BUFFER_TOO_SMALL', code: 'TOKEN_FAILED' }],
  [0x190, { name: 'CKR_CRYPTOKI_NOT_INITIALIZED', code: 'TOKEN_FAILED' }],
  [0x191, { name: 'CKR_CRYPTOKI_ALREADY_INITIALIZED', code: 'TOKEN_FAILED' }],
  [0x200, { name: 'CKR_FUNCTION_REJECTED', code: 'TOKEN_USER_CANCELLED' }],
]);

/** Return values the wrapper handles itself rather than reporting. */
export const CKR = {
  OK: 0x000,
  NO_EVENT: 0x008,
  GENERAL_ERROR: 0x005,
  FUNCTION_NOT_SUPPORTED: 0x054,
  USER_ALREADY_LOGGED_IN: 0x100,
  USER_NOT_LOGGED_IN: 0x101,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
} as const;

const VENDOR_DEFINED = 0x80000000;

export function ckrName(ckr: number): string {
  const known = ckrTable.get(ckr);
  if (known) return known.name;
  const hex = `0x${(ckr >>> 0).toString(16).padStart(8, '0')}`;
  return ckr >>> 0 >= VENDOR_DEFINED ? `CKR_VENDOR_DEFINED(${hex})` : `CKR(${hex})`;
}

/**
 * The catalogue code for a CKR_* returned by `fn`. Some ePass2003 drivers answer a wrong PIN
 * with CKR_GENERAL_ERROR, so that code right after C_Login is reported as a possible wrong PIN.
 */
export function ckrCode(ckr: number, fn: string): ErrorCode {
  if (ckr === CKR.GENERAL_ERROR && fn === 'C_Login') return 'PIN_MAYBE_INCORRECT';
  return ckrTable.get(ckr)?.code ?? 'TOKEN_FAILED';
}

/** The typed error for a failed call; params carry the CKR name and function for traces only. */
export function ckrError(ckr: number, fn: string): AppError {
  return new AppError(ckrCode(ckr, fn), { ckr: ckrName(ckr), fn });
}

const WRONG_ARCH_PATTERNS: readonly RegExp[] = [
  /\berror 193\b/i,
  /\b193\b.*win32/i,
  /not a valid win32 application/i,
  /不是有效的\s*win32\s*应用程序/i,
  /wrong ELF class/i,
  /ELFCLASS(32|64)/,
  /mach-o, but wrong architecture/i,
  /incompatible architecture/i,
];

/** First bytes of a Windows PE file; on Linux it fails as "invalid ELF header". */
function looksLikePe(head: Uint8Array | null): boolean {
  return head !== null && head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a;
}

function looksLikeElf(head: Uint8Array | null): boolean {
  return (
    head !== null &&
    head.length >= 4 &&
    head[0] === 0x7f &&
    head[1] === 0x45 &&
    head[2] === 0x4c &&
    head[3] === 0x46
  );
}

/**
 * Why a module file could not be loaded. `exists` is checked before dlopen/LoadLibrary, since
 * "No such file" from the loader can also mean a missing dependency of an existing file.
 * `head` is the file's first bytes, used to tell a library for another platform from a file
 * that is no library at all (both fail as "invalid ELF header").
 */
export function loadFailureCode(
  exists: boolean,
  loaderMessage: string,
  head: Uint8Array | null,
  platform: NodeJS.Platform = process.platform,
): ErrorCode {
  if (!exists) return 'MODULE_NOT_FOUND';
  if (WRONG_ARCH_PATTERNS.some((p) => p.test(loaderMessage))) return 'MODULE_WRONG_ARCH';
  if (/invalid ELF header/i.test(loaderMessage)) {
    return looksLikePe(head) ? 'MODULE_WRONG_ARCH' : 'MODULE_LOAD_FAILED';
  }
  if (platform === 'win32' && looksLikeElf(head)) return 'MODULE_WRONG_ARCH';
  return 'MODULE_LOAD_FAILED';
}
