import { describe, expect, it } from 'vitest';
import {
  chooseSm2Mechanism,
  isSm2KeyType,
  parseSm2Table,
  sm2Families,
  sm2KeyPairGen,
} from '../../native/pkcs11/sm2-mechanisms';

const offers = (list: number[]) => (m: number) => list.includes(m);

describe('the SM2 vendor table', () => {
  it('ships both numberings: CKM_VENDOR_DEFINED + 0x8000 and IBM', () => {
    expect(isSm2KeyType(0x80000004)).toBe(true);
    expect(isSm2KeyType(0x80050002)).toBe(true);
    expect(isSm2KeyType(0x3 /* CKK_EC */)).toBe(false);
    expect(sm2Families.flatMap((f) => f.signMessage)).toContain(0x80008100);
    expect(sm2Families.flatMap((f) => f.signDigest)).toContain(0x8005000b);
  });

  it('a bad edit fails loudly', () => {
    expect(() =>
      parseSm2Table({
        families: [
          { name: 'x', keyTypes: ['8000'], keyPairGen: [], signMessage: [], signDigest: [] },
        ],
      }),
    ).toThrow();
  });
});

describe('choosing how to sign with an SM2 key', () => {
  it('prefers the mechanism that hashes on the token', () => {
    expect(chooseSm2Mechanism(0x80050002, offers([0x8005000b, 0x8005000c]))).toMatchObject({
      mechanism: 0x8005000c,
      input: 'message',
    });
  });

  it('falls back to signing a precomputed e', () => {
    expect(chooseSm2Mechanism(0x80050002, offers([0x8005000b]))).toMatchObject({
      mechanism: 0x8005000b,
      input: 'digest',
    });
  });

  it('uses only the key type’s own family, and any family for SM2 filed as CKK_EC', () => {
    expect(chooseSm2Mechanism(0x80000004, offers([0x8005000c]))).toBeNull();
    expect(chooseSm2Mechanism(null, offers([0x8005000c]))?.mechanism).toBe(0x8005000c);
  });

  it('finds the key-pair generation mechanism a module lists', () => {
    expect(sm2KeyPairGen([0x1, 0x80008001])).toEqual({
      mechanism: 0x80008001,
      keyType: 0x80000004,
    });
    expect(sm2KeyPairGen([0x1])).toBeNull();
  });
});
