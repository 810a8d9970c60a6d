// The backup file: a small plain header (format, scrypt parameters, IV, lengths) and one
// AES-256-GCM ciphertext under a key stretched from the backup password with scrypt. The header
// is authenticated with the ciphertext, so changing any byte anywhere fails the tag; its declared
// length finds a truncated file before any decryption.
//
//   "SBBAK01\n" | u32 header length | header JSON | ciphertext | 16-byte GCM tag
//
// The plaintext is a u32-prefixed JSON manifest followed by the database file's bytes.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../domain/errors';

const MAGIC = Buffer.from('SBBAK01\n', 'latin1');
const TAG_BYTES = 16;
const MAX_HEADER = 4096;
/** scrypt cost: 64 MiB of memory per guess. A file asking for more (or less) is refused. */
const SCRYPT = { N: 1 << 16, r: 8, p: 1 };
const SCRYPT_LIMITS = { minN: 1 << 14, maxN: 1 << 18, maxR: 16, maxP: 4 };
export const MIN_BACKUP_PASSWORD = 8;

const headerSchema = z
  .object({
    format: z.literal('shebao-desk-backup'),
    version: z.literal(1),
    kdf: z.object({
      name: z.literal('scrypt'),
      N: z.number().int().min(SCRYPT_LIMITS.minN).max(SCRYPT_LIMITS.maxN),
      r: z.number().int().min(1).max(SCRYPT_LIMITS.maxR),
      p: z.number().int().min(1).max(SCRYPT_LIMITS.maxP),
      salt: z.string().length(44),
    }),
    cipher: z.object({ name: z.literal('aes-256-gcm'), iv: z.string().length(16) }),
    ciphertextBytes: z.number().int().min(4),
  })
  .strict();

export const backupManifestSchema = z
  .object({
    personKey: z.string().regex(/^[0-9a-f]{16,128}$/),
    person: z.string().max(200),
    createdAt: z.string().max(40),
    schemaVersion: z.number().int().min(0),
    databaseKey: z.string().length(44),
    declarations: z.number().int().min(0),
    rosterPeople: z.number().int().min(0),
  })
  .strict();
export type BackupManifest = z.infer<typeof backupManifestSchema>;

function stretch(password: string, salt: Buffer, kdf: typeof SCRYPT): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      32,
      { ...kdf, maxmem: 256 * kdf.N * kdf.r + 32 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** Encrypts a manifest and database bytes into a backup file. */
export async function sealBackup(
  password: string,
  manifest: BackupManifest,
  database: Buffer,
): Promise<Buffer> {
  if (password.length < MIN_BACKUP_PASSWORD) throw new AppError('BACKUP_PASSWORD_WEAK');
  const salt = randomBytes(32);
  const iv = randomBytes(12);
  const key = await stretch(password, salt, SCRYPT);
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifestBytes.length);
  const plain = Buffer.concat([length, manifestBytes, database]);
  const header = Buffer.from(
    JSON.stringify({
      format: 'shebao-desk-backup',
      version: 1,
      kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
      cipher: { name: 'aes-256-gcm', iv: iv.toString('base64') },
      ciphertextBytes: plain.length,
    }),
  );
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32BE(header.length);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.concat([MAGIC, headerLength, header]));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, headerLength, header, body, cipher.getAuthTag()]);
}

/** Checks and decrypts a backup file whole; any fault is a clear refusal, never partial data. */
export async function openBackup(
  password: string,
  file: Buffer,
): Promise<{ manifest: BackupManifest; database: Buffer }> {
  const damaged = () => new AppError('BACKUP_FILE_DAMAGED');
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw damaged();
  }
  const headerLength = file.readUInt32BE(MAGIC.length);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerLength > MAX_HEADER || headerEnd > file.length) throw damaged();
  let header: z.infer<typeof headerSchema>;
  try {
    header = headerSchema.parse(JSON.parse(file.subarray(MAGIC.length + 4, headerEnd).toString()));
  } catch {
    throw damaged();
  }
  if (file.length !== headerEnd + header.ciphertextBytes + TAG_BYTES) throw damaged();
  const { N, r, p } = header.kdf;
  const key = await stretch(password, Buffer.from(header.kdf.salt, 'base64'), { N, r, p });
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.cipher.iv, 'base64'));
  decipher.setAAD(file.subarray(0, headerEnd));
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([
      decipher.update(file.subarray(headerEnd, file.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new AppError('BACKUP_PASSWORD_WRONG');
  }
  const manifestLength = plain.readUInt32BE(0);
  if (4 + manifestLength > plain.length) throw damaged();
  let manifest: BackupManifest;
  try {
    manifest = backupManifestSchema.parse(
      JSON.parse(plain.subarray(4, 4 + manifestLength).toString()),
    );
  } catch {
    throw damaged();
  }
  return { manifest, database: plain.subarray(4 + manifestLength) };
}
