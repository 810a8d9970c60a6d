// The pure parts of the SKF binding: GM/T 0016 blobs to the protocol's forms, SKF name lists,
// SAR values to catalogue codes, and SKF retry counts to the PIN flags the login screen reads.
import { describe, expect, it } from 'vitest';
import { isErrorCode } from '../../domain/error-catalogue';
import {
  fixedString,
  parseNameList,
  publicKeyBlobToPoint,
  signatureBlobToRaw,
} from '../../native/skf/ecc-blob';
import { sarError, sarTable } from '../../native/skf/sar-errors';
import { skfPinState } from '../../electron/services/tokens/skf-device-source';

function field(bytes: number[], size = 64): Buffer {
  const out = Buffer.alloc(size);
  Buffer.from(bytes).copy(out, size - bytes.length);
  return out;
}

describe('ECC blobs', () => {
  it('an ECCSIGNATUREBLOB becomes raw r ‖ s, keeping leading zero bytes of r and s', () => {
    const r = [0x00, ...Array.from({ length: 31 }, (_, i) => i + 1)];
    const s = Array.from({ length: 32 }, (_, i) => 0xff - i);
    const raw = signatureBlobToRaw(Buffer.concat([field(r), field(s)]));
    expect(raw).toEqual(Buffer.from([...r, ...s]));
  });

  it('refuses a blob that is not 128 bytes or carries more than 256 bits', () => {
    expect(() => signatureBlobToRaw(Buffer.alloc(127))).toThrow(/not an ECCSIGNATUREBLOB/);
    const wide = Buffer.concat([field([1, ...Array(32).fill(0)]), field([1])]);
    expect(() => signatureBlobToRaw(wide)).toThrow(/longer than 256 bits/);
  });

  it('an ECCPUBLICKEYBLOB of a 256-bit key becomes 04 ‖ x ‖ y; other sizes are refused', () => {
    const x = Array.from({ length: 32 }, (_, i) => i);
    const y = Array.from({ length: 32 }, (_, i) => 100 + i);
    const bits = Buffer.alloc(4);
    bits.writeUInt32LE(256);
    expect(publicKeyBlobToPoint(Buffer.concat([bits, field(x), field(y)]))).toEqual(
      Buffer.from([4, ...x, ...y]),
    );
    bits.writeUInt32LE(384);
    expect(() => publicKeyBlobToPoint(Buffer.concat([bits, field(x), field(y)]))).toThrow(
      /384 bits/,
    );
  });

  it('reads SKF name lists and fixed CHAR fields as vendors fill them', () => {
    expect(parseNameList(Buffer.from('GM3000\0ePass 3000GM\0\0garbage', 'utf8'))).toEqual([
      'GM3000',
      'ePass 3000GM',
    ]);
    expect(parseNameList(Buffer.from('\0\0'))).toEqual([]);
    expect(parseNameList(Buffer.from('只有一个'))).toEqual(['只有一个']);
    expect(fixedString(Buffer.from('Longmai   \0\0\0'))).toBe('Longmai');
    expect(fixedString(Buffer.from('社保U盾'))).toBe('社保U盾');
  });
});

describe('SAR values', () => {
  it('map to catalogue codes, PIN and removal ones to the same codes as PKCS#11', () => {
    for (const entry of sarTable.values()) expect(isErrorCode(entry.code)).toBe(true);
    expect(sarError(0x0a000024, 'SKF_VerifyPIN').code).toBe('PIN_INCORRECT');
    expect(sarError(0x0a000025, 'SKF_VerifyPIN').code).toBe('PIN_LOCKED');
    expect(sarError(0x0a000023, 'SKF_ECCSignData').code).toBe('TOKEN_REMOVED');
    expect(sarError(0x0a00002d, 'SKF_ECCSignData').code).toBe('TOKEN_SESSION_CLOSED');
    const unknown = sarError(0x0a0000ff, 'SKF_EnumDev');
    expect(unknown.code).toBe('TOKEN_FAILED');
    expect(unknown.params).toEqual({ detail: 'SKF_EnumDev: 0x0a0000ff' });
  });
});

describe('SKF retry counts as PIN flags', () => {
  it('full, low, final try, locked', () => {
    expect(skfPinState({ maxRetries: 6, retriesLeft: 6 })).toMatchObject({
      countLow: false,
      finalTry: false,
      locked: false,
      pinPad: false,
    });
    expect(skfPinState({ maxRetries: 6, retriesLeft: 4 })).toMatchObject({ countLow: true });
    expect(skfPinState({ maxRetries: 6, retriesLeft: 1 })).toMatchObject({ finalTry: true });
    expect(skfPinState({ maxRetries: 6, retriesLeft: 0 })).toMatchObject({
      locked: true,
      finalTry: false,
      countLow: false,
    });
  });
});
