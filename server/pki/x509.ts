// The server's x509 entry: the shared set-up in domain/x509.ts, plus Node's WebCrypto types.
import { webcrypto } from 'node:crypto';
import { x509 } from '../../domain/x509';

export const crypto = webcrypto;
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

export { x509 };
