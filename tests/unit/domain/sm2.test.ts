import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  sm2DerToRaw,
  sm2Digest,
  sm2GenerateKeyPair,
  sm2RawToDer,
  sm2Sign,
  sm2Verify,
  sm2VerifyDigest,
  sm2PublicKeyFromSpki,
  sm2PublicKeyOf,
  sm2Spki,
  sm3Digest,
} from '../../../domain/crypto/sm2';
import { opensslSm2Key, opensslSm2Sign, opensslSm2Verify } from '../../support/openssl-sm2';

const dir = mkdtempSync(join(tmpdir(), 'sm2-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = new TextEncoder().encode(
  'shebao-desk login v1\nnonce=9f2c\norigin=http://127.0.0.1:1\n经办人 张三',
);

describe('SM3', () => {
  it('matches the GB/T 32905 example for "abc"', () => {
    const hex = Buffer.from(sm3Digest(new TextEncoder().encode('abc'))).toString('hex');
    expect(hex).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});

describe('SM2 signatures', () => {
  it('a signature of ours verifies over the same text and key, and no other', () => {
    const { privateKey, publicKey } = sm2GenerateKeyPair();
    const sig = sm2Sign(privateKey, text);
    expect(sig).toHaveLength(64);
    expect(sm2Verify(publicKey, text, sig)).toBe(true);
    expect(sm2Verify(publicKey, text.slice(1), sig)).toBe(false);
    expect(sm2Verify(publicKey, text, sig, 'ALICE123@YAHOO.COM')).toBe(false);
    expect(sm2Verify(sm2GenerateKeyPair().publicKey, text, sig)).toBe(false);
  });

  it('a token that signs e = SM3(Z‖M) makes the same signature as one that hashes itself', () => {
    const { privateKey, publicKey } = sm2GenerateKeyPair();
    const e = sm2Digest(publicKey, text);
    expect(sm2PublicKeyOf(privateKey)).toEqual(publicKey);
    const sig = sm2Sign(privateKey, text);
    expect(sm2VerifyDigest(publicKey, e, sig)).toBe(true);
  });

  it('refuses r or s of zero, of the order, and signatures of the wrong length', () => {
    const { privateKey, publicKey } = sm2GenerateKeyPair();
    const sig = sm2Sign(privateKey, text);
    const zeroR = sig.slice();
    zeroR.fill(0, 0, 32);
    expect(sm2Verify(publicKey, text, zeroR)).toBe(false);
    expect(sm2Verify(publicKey, text, sig.subarray(0, 63))).toBe(false);
    expect(sm2Verify(publicKey, text, new Uint8Array(64).fill(0xff))).toBe(false);
  });

  it('raw ⇄ DER round-trips, also when r or s has its top bit set or leading zeros', () => {
    const raw = new Uint8Array(64);
    raw[0] = 0x80;
    raw[31] = 1;
    raw[33] = 0x05;
    raw[63] = 7;
    const der = sm2RawToDer(raw);
    expect(der[0]).toBe(0x30);
    expect(sm2DerToRaw(der)).toEqual(raw);
  });

  it('reads only its own bytes from Node Buffers that are views into a shared pool', () => {
    const { privateKey, publicKey } = sm2GenerateKeyPair();
    const raw = sm2Sign(privateKey, text);
    const pooled = Buffer.concat([Buffer.from('prefix'), Buffer.from(raw), Buffer.from('suffix')]);
    const view = pooled.subarray(6, 70);
    expect(sm2DerToRaw(sm2RawToDer(view))).toEqual(raw);
    const pointView = Buffer.concat([Buffer.alloc(3), Buffer.from(publicKey)]).subarray(3);
    expect(sm2PublicKeyFromSpki(sm2Spki(pointView))).toEqual(publicKey);
  });

  it('DER that is not the one canonical encoding is refused', () => {
    const { privateKey } = sm2GenerateKeyPair();
    const der = sm2RawToDer(sm2Sign(privateKey, text));
    // Long-form length where short form is required.
    const longForm = new Uint8Array([0x30, 0x81, der[1]!, ...der.subarray(2)]);
    expect(sm2DerToRaw(longForm)).toBeNull();
    expect(sm2DerToRaw(new Uint8Array([0x30, 0x00]))).toBeNull();
    expect(sm2DerToRaw(new Uint8Array(64))).toBeNull();
  });
});

describe('SM2 against the openssl binary', () => {
  const key = opensslSm2Key(dir, 'interop');

  it('an OpenSSL signature (ID 1234567812345678) verifies with ours', () => {
    const der = opensslSm2Sign(key.keyFile, text);
    const raw = sm2DerToRaw(der);
    expect(raw).not.toBeNull();
    expect(sm2Verify(key.publicKey, text, raw!)).toBe(true);
    expect(sm2Verify(key.publicKey, text, raw!, '8765432187654321')).toBe(false);
  });

  it('our signature verifies with OpenSSL, and a tampered text does not', () => {
    const raw = sm2Sign(key.privateKey, text);
    expect(opensslSm2Verify(dir, key.publicFile, text, sm2RawToDer(raw))).toBe(true);
    expect(opensslSm2Verify(dir, key.publicFile, text.slice(0, -1), sm2RawToDer(raw))).toBe(false);
  });
});
