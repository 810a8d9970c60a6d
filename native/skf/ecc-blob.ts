// SKF's ECC blobs (GM/T 0016 ECCPUBLICKEYBLOB, ECCSIGNATUREBLOB) ⇄ the forms the protocol uses.
// Coordinates sit right-aligned in 64-byte fields; an SM2 key uses the last 32 bytes.
export const ECC_PUBLIC_KEY_BLOB_SIZE = 4 + 64 + 64;
export const ECC_SIGNATURE_BLOB_SIZE = 64 + 64;
const FIELD = 64;
const SM2_BYTES = 32;

function lastBytes(field: Uint8Array, what: string): Buffer {
  const head = field.subarray(0, FIELD - SM2_BYTES);
  if (head.some((b) => b !== 0)) throw new Error(`${what} is longer than 256 bits`);
  return Buffer.from(field.subarray(FIELD - SM2_BYTES));
}

/** ECCSIGNATUREBLOB → raw r ‖ s (64 bytes), as the service expects an SM2 signature. */
export function signatureBlobToRaw(blob: Uint8Array): Buffer {
  if (blob.length !== ECC_SIGNATURE_BLOB_SIZE) throw new Error('not an ECCSIGNATUREBLOB');
  return Buffer.concat([
    lastBytes(blob.subarray(0, FIELD), 'r'),
    lastBytes(blob.subarray(FIELD), 's'),
  ]);
}

/** ECCPUBLICKEYBLOB → the uncompressed point 04 ‖ x ‖ y of an SM2 (256-bit) key. */
export function publicKeyBlobToPoint(blob: Uint8Array): Buffer {
  if (blob.length !== ECC_PUBLIC_KEY_BLOB_SIZE) throw new Error('not an ECCPUBLICKEYBLOB');
  const bits = Buffer.from(blob).readUInt32LE(0);
  if (bits !== 256) throw new Error(`not a 256-bit key (${bits} bits)`);
  return Buffer.concat([
    Buffer.of(0x04),
    lastBytes(blob.subarray(4, 4 + FIELD), 'x'),
    lastBytes(blob.subarray(4 + FIELD), 'y'),
  ]);
}

/** Splits an SKF name list: names each ended by NUL, the list by another NUL. */
export function parseNameList(bytes: Uint8Array, encoding: 'utf8' | 'latin1' = 'utf8'): string[] {
  const end = bytes.indexOf(0) === 0 ? 0 : findDoubleNul(bytes);
  return Buffer.from(bytes.subarray(0, end))
    .toString(encoding)
    .split('\0')
    .filter((n) => n !== '');
}

function findDoubleNul(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i++) if (bytes[i] === 0 && bytes[i + 1] === 0) return i;
  return bytes.length;
}

/** A fixed-size CHAR[] field: up to the first NUL, trimmed of the space padding some vendors use. */
export function fixedString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return Buffer.from(nul < 0 ? bytes : bytes.subarray(0, nul))
    .toString('utf8')
    .trim();
}
