// SKF return values (SAR_*, GM/T 0016-2012) → catalogue codes. Pure and table-driven so the
// mapping is testable without a device.
import { AppError } from '../../domain/errors';
import type { ErrorCode } from '../../domain/error-catalogue';

export const SAR_OK = 0;
export const SAR_BUFFER_TOO_SMALL = 0x0a000020;
export const SAR_DEVICE_REMOVED = 0x0a000023;
export const SAR_PIN_INCORRECT = 0x0a000024;
export const SAR_PIN_LOCKED = 0x0a000025;

interface SarEntry {
  readonly name: string;
  readonly code: ErrorCode;
}

export const sarTable: ReadonlyMap<number, SarEntry> = new Map<number, SarEntry>([
  [0x0a000001, { name: 'SAR_FAIL', code: 'TOKEN_FAILED' }],
  [0x0a000002, { name: 'SAR_UNKNOWNERR', code: 'TOKEN_FAILED' }],
  [0x0a000003, { name: 'SAR_NOTSUPPORTYETERR', code: 'TOKEN_MECHANISM_UNSUPPORTED' }],
  [0x0a000004, { name: 'SAR_FILEERR', code: 'TOKEN_DEVICE_ERROR' }],
  [0x0a000005, { name: 'SAR_INVALIDHANDLEERR', code: 'TOKEN_SESSION_CLOSED' }],
  [0x0a000006, { name: 'SAR_INVALIDPARAMERR', code: 'TOKEN_FAILED' }],
  [0x0a000007, { name: 'SAR_READFILEERR', code: 'TOKEN_DEVICE_ERROR' }],
  [0x0a000008, { name: 'SAR_WRITEFILEERR', code: 'TOKEN_DEVICE_ERROR' }],
  [0x0a00000a, { name: 'SAR_KEYUSAGEERR', code: 'TOKEN_KEY_NOT_FOUND' }],
  [0x0a00000c, { name: 'SAR_NOTINITIALIZEERR', code: 'TOKEN_NOT_RECOGNIZED' }],
  [0x0a00000e, { name: 'SAR_MEMORYERR', code: 'TOKEN_FAILED' }],
  [0x0a00000f, { name: 'SAR_TIMEOUTERR', code: 'TOKEN_TIMEOUT' }],
  [0x0a000010, { name: 'SAR_INDATALENERR', code: 'TOKEN_FAILED' }],
  [0x0a000014, { name: 'SAR_HASHERR', code: 'TOKEN_DEVICE_ERROR' }],
  [0x0a00001b, { name: 'SAR_KEYNOTFOUNTERR', code: 'TOKEN_KEY_NOT_FOUND' }],
  [0x0a00001c, { name: 'SAR_CERTNOTFOUNTERR', code: 'TOKEN_KEY_NOT_FOUND' }],
  [SAR_BUFFER_TOO_SMALL, { name: 'SAR_BUFFER_TOO_SMALL', code: 'TOKEN_FAILED' }],
  [SAR_DEVICE_REMOVED, { name: 'SAR_DEVICE_REMOVED', code: 'TOKEN_REMOVED' }],
  [SAR_PIN_INCORRECT, { name: 'SAR_PIN_INCORRECT', code: 'PIN_INCORRECT' }],
  [SAR_PIN_LOCKED, { name: 'SAR_PIN_LOCKED', code: 'PIN_LOCKED' }],
  [0x0a000026, { name: 'SAR_PIN_INVALID', code: 'PIN_INVALID' }],
  [0x0a000027, { name: 'SAR_PIN_LEN_RANGE', code: 'PIN_LEN_RANGE' }],
  [0x0a000029, { name: 'SAR_USER_PIN_NOT_INITIALIZED', code: 'PIN_NOT_INITIALIZED' }],
  [0x0a00002d, { name: 'SAR_USER_NOT_LOGGED_IN', code: 'TOKEN_SESSION_CLOSED' }],
  [0x0a00002e, { name: 'SAR_APPLICATION_NOT_EXISTS', code: 'SKF_NO_APPLICATION' }],
]);

export function sarName(rv: number): string {
  return sarTable.get(rv)?.name ?? `0x${rv.toString(16).padStart(8, '0')}`;
}

/** The error a failed call becomes; unknown values are TOKEN_FAILED naming the SAR value. */
export function sarError(rv: number, call: string): AppError {
  const entry = sarTable.get(rv);
  return new AppError(entry?.code ?? 'TOKEN_FAILED', { detail: `${call}: ${sarName(rv)}` });
}
