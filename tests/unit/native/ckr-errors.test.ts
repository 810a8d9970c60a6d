// The CKR_* → catalogue mapping, and how module load failures are named.
import pkcs11js from 'pkcs11js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../domain/errors';
import { isErrorCode } from '../../../domain/error-catalogue';
import {
  ckrCode,
  ckrError,
  ckrName,
  ckrTable,
  loadFailureCode,
} from '../../../native/pkcs11/ckr-errors';
import { fromWireError, toWireError } from '../../../native/pkcs11/worker-protocol';

const constants = pkcs11js as unknown as Record<string, number>;

describe('CKR_* mapping table', () => {
  it('uses the same numbers as pkcs11js for every CKR_* it names', () => {
    for (const [value, entry] of ckrTable) {
      expect(constants[entry.name], entry.name).toBe(value);
    }
  });

  it('maps every entry to a code that has a zh-CN message', () => {
    for (const [, entry] of ckrTable) expect(isErrorCode(entry.code), entry.name).toBe(true);
  });

  it.each([
    ['CKR_DEVICE_REMOVED', 'C_Sign', 'TOKEN_REMOVED'],
    ['CKR_TOKEN_NOT_PRESENT', 'C_OpenSession', 'TOKEN_NOT_PRESENT'],
    ['CKR_SESSION_HANDLE_INVALID', 'C_Sign', 'TOKEN_SESSION_CLOSED'],
    ['CKR_SESSION_CLOSED', 'C_SignInit', 'TOKEN_SESSION_CLOSED'],
    ['CKR_USER_NOT_LOGGED_IN', 'C_Sign', 'TOKEN_SESSION_CLOSED'],
    ['CKR_PIN_INCORRECT', 'C_Login', 'PIN_INCORRECT'],
    ['CKR_PIN_LOCKED', 'C_Login', 'PIN_LOCKED'],
    ['CKR_PIN_LEN_RANGE', 'C_Login', 'PIN_LEN_RANGE'],
    ['CKR_PIN_EXPIRED', 'C_Login', 'PIN_EXPIRED'],
    ['CKR_PIN_INVALID', 'C_Login', 'PIN_INVALID'],
    ['CKR_DEVICE_ERROR', 'C_Sign', 'TOKEN_DEVICE_ERROR'],
    ['CKR_DEVICE_MEMORY', 'C_Sign', 'TOKEN_DEVICE_ERROR'],
    ['CKR_FUNCTION_FAILED', 'C_Sign', 'TOKEN_FAILED'],
    ['CKR_GENERAL_ERROR', 'C_Sign', 'TOKEN_FAILED'],
    ['CKR_TOKEN_NOT_RECOGNIZED', 'C_GetTokenInfo', 'TOKEN_NOT_RECOGNIZED'],
    ['CKR_FUNCTION_CANCELED', 'C_Login', 'TOKEN_USER_CANCELLED'],
    ['CKR_MECHANISM_INVALID', 'C_SignInit', 'TOKEN_MECHANISM_UNSUPPORTED'],
    ['CKR_KEY_HANDLE_INVALID', 'C_SignInit', 'TOKEN_KEY_NOT_FOUND'],
    ['CKR_USER_PIN_NOT_INITIALIZED', 'C_Login', 'PIN_NOT_INITIALIZED'],
    ['CKR_OPERATION_ACTIVE', 'C_SignInit', 'TOKEN_BUSY'],
    ['CKR_KEY_FUNCTION_NOT_PERMITTED', 'C_SignInit', 'CERT_BAD_USAGE'],
  ])('%s at %s → %s', (name, fn, code) => {
    const value = constants[name];
    expect(value, name).toBeTypeOf('number');
    expect(ckrCode(value!, fn)).toBe(code);
  });

  it('reports CKR_GENERAL_ERROR right after C_Login as a possibly wrong PIN (ePass2003 drivers)', () => {
    const error = ckrError(pkcs11js.CKR_GENERAL_ERROR, 'C_Login');
    expect(error.code).toBe('PIN_MAYBE_INCORRECT');
    expect(error.message).toBe('U盾登录失败，可能是密码（PIN码）错误。');
    expect(ckrCode(pkcs11js.CKR_GENERAL_ERROR, 'C_GetTokenInfo')).toBe('TOKEN_FAILED');
  });

  it('falls back to a general token failure for unknown and vendor-defined values, naming them', () => {
    expect(ckrCode(0x80000123, 'C_Sign')).toBe('TOKEN_FAILED');
    expect(ckrName(0x80000123)).toBe('CKR_VENDOR_DEFINED(0x80000123)');
    expect(ckrName(0x3ff)).toBe('CKR(0x000003ff)');
    expect(ckrError(0x80000123, 'C_Sign').params).toEqual({
      ckr: 'CKR_VENDOR_DEFINED(0x80000123)',
      fn: 'C_Sign',
    });
  });
});

describe('module load failures', () => {
  const text = new TextEncoder().encode('not a library');
  const pe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00]);
  const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2]);

  it.each([
    [
      'a missing file',
      false,
      '/x/eps2003csp11.so: cannot open shared object file: No such file or directory',
      null,
      'linux',
      'MODULE_NOT_FOUND',
    ],
    [
      'a dependency missing next to an existing file',
      true,
      'libfoo.so.1: cannot open shared object file: No such file or directory',
      elf,
      'linux',
      'MODULE_LOAD_FAILED',
    ],
    ['Windows error 193', true, 'LoadLibrary error 193', pe, 'win32', 'MODULE_WRONG_ARCH'],
    [
      'English Windows text for 193',
      true,
      '%1 is not a valid Win32 application.',
      pe,
      'win32',
      'MODULE_WRONG_ARCH',
    ],
    [
      'Chinese Windows text for 193',
      true,
      '%1 不是有效的 Win32 应用程序。',
      pe,
      'win32',
      'MODULE_WRONG_ARCH',
    ],
    [
      'a 32-bit library on 64-bit Linux',
      true,
      'x.so: wrong ELF class: ELFCLASS32',
      elf,
      'linux',
      'MODULE_WRONG_ARCH',
    ],
    ['a Windows DLL on Linux', true, 'x.dll: invalid ELF header', pe, 'linux', 'MODULE_WRONG_ARCH'],
    [
      'a text file renamed .so',
      true,
      'x.so: invalid ELF header',
      text,
      'linux',
      'MODULE_LOAD_FAILED',
    ],
    ['a tiny file', true, 'x.so: file too short', text, 'linux', 'MODULE_LOAD_FAILED'],
    ['a Linux library on Windows', true, 'LoadLibrary failed', elf, 'win32', 'MODULE_WRONG_ARCH'],
  ] as const)('%s → %s', (_what, exists, message, head, platform, code) => {
    expect(loadFailureCode(exists, message, head, platform)).toBe(code);
  });
});

describe('errors crossing the worker boundary', () => {
  it('arrive as the same typed error with the same parameters', () => {
    const sent = new AppError('MODULE_WRONG_ARCH', { file: 'WDPKCS.dll' });
    const received = fromWireError(structuredClone(toWireError(sent)));
    expect(received).toBeInstanceOf(AppError);
    expect(received.code).toBe('MODULE_WRONG_ARCH');
    expect(received.message).toContain('WDPKCS.dll');
  });

  it('never carry the text of an unexpected error across', () => {
    const wire = toWireError(new Error('secret detail 123456'));
    expect(wire.code).toBe('TOKEN_FAILED');
    expect(JSON.stringify(wire)).not.toContain('123456');
    expect(fromWireError({ code: 'SOMETHING_ELSE' }).code).toBe('TOKEN_FAILED');
  });
});
