// A token's SM2 signature over a signed text: SM2 with SM3, Z with the default ID, as raw r‖s
// (64 bytes) like ECDSA. A DER signature is refused with its own code, so a client that sends
// the wrong encoding learns that, rather than that its key is wrong.
import { sm2DerToRaw, sm2Verify, type Sm2PublicKey } from '../../domain/crypto/sm2';
import { unauthorized } from '../errors';

/** Throws SM2_SIGNATURE_NOT_RAW for a DER-encoded signature; false for any other mismatch. */
export function verifySm2TokenSignature(
  publicKey: Sm2PublicKey,
  signedText: string,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64) {
    if (sm2DerToRaw(signature) !== null) throw unauthorized('SM2_SIGNATURE_NOT_RAW');
    return false;
  }
  return sm2Verify(publicKey, new TextEncoder().encode(signedText), signature);
}
