// Which SM2 key types and mechanisms a PKCS#11 module speaks, from the vendor table in
// resources/sm2-mechanisms.json and what the module itself lists (C_GetMechanismList, with
// C_GetMechanismInfo saying CKF_SIGN). Pure: the module's answers come in as plain numbers.
import { z } from 'zod';
import tableJson from '../../resources/sm2-mechanisms.json' with { type: 'json' };

const hexNumber = z
  .string()
  .regex(/^0x[0-9a-fA-F]{1,8}$/, 'a hex number such as 0x80008100')
  .transform((s) => Number.parseInt(s, 16));

export const sm2FamilySchema = z.object({
  name: z.string().min(1).max(200),
  keyTypes: z.array(hexNumber).min(1),
  keyPairGen: z.array(hexNumber),
  signMessage: z.array(hexNumber),
  signDigest: z.array(hexNumber),
});
export type Sm2Family = z.infer<typeof sm2FamilySchema>;

export const sm2TableSchema = z.object({
  $comment: z.string().optional(),
  families: z.array(sm2FamilySchema).min(1),
});

export function parseSm2Table(json: unknown): Sm2Family[] {
  return sm2TableSchema.parse(json).families;
}

export const sm2Families: readonly Sm2Family[] = parseSm2Table(tableJson);

/** CKA_EC_PARAMS of an SM2 key on tokens that file it as CKK_EC: the curve's OID in DER. */
export const SM2_EC_PARAMS_HEX = '06082a811ccf5501822d';

export interface Sm2SignMechanism {
  mechanism: number;
  /** 'message': the token computes SM3(Z ‖ M); 'digest': it signs a precomputed e. */
  input: 'message' | 'digest';
  family: string;
}

/** A key type that some vendor family uses for SM2. */
export function isSm2KeyType(keyType: number, families: readonly Sm2Family[] = sm2Families) {
  return families.some((f) => f.keyTypes.includes(keyType));
}

/**
 * The signing mechanism for an SM2 key of `keyType` (or of any family when the token files SM2
 * as CKK_EC), among those the module offers for signing. Message mechanisms win over digest
 * ones: the token then hashes what it signs, as a person's key should.
 */
export function chooseSm2Mechanism(
  keyType: number | null,
  canSign: (mechanism: number) => boolean,
  families: readonly Sm2Family[] = sm2Families,
): Sm2SignMechanism | null {
  const candidates = families.filter((f) => keyType === null || f.keyTypes.includes(keyType));
  for (const input of ['message', 'digest'] as const) {
    for (const family of candidates) {
      const list = input === 'message' ? family.signMessage : family.signDigest;
      const mechanism = list.find(canSign);
      if (mechanism !== undefined) return { mechanism, input, family: family.name };
    }
  }
  return null;
}

/** The key-pair generation mechanism for SM2 among those a module lists (for provisioning). */
export function sm2KeyPairGen(
  offered: readonly number[],
  families: readonly Sm2Family[] = sm2Families,
): { mechanism: number; keyType: number } | null {
  for (const family of families) {
    const mechanism = family.keyPairGen.find((m) => offered.includes(m));
    if (mechanism !== undefined) return { mechanism, keyType: family.keyTypes[0]! };
  }
  return null;
}
