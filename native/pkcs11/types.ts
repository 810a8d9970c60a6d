// What the token wrapper reports about slots, tokens and certificates. Plain data, so it can
// cross the worker boundary (structured clone) and be compared between polls.
import type { ErrorInfo } from '../../domain/errors';

/** The token's state, with CK_TOKEN_INFO flags decoded. Strings are trimmed of PKCS#11 padding. */
export interface TokenInfoView {
  label: string;
  manufacturerId: string;
  model: string;
  serialNumber: string;
  /** Raw CK_TOKEN_INFO.flags. */
  flags: number;
  loginRequired: boolean;
  userPinInitialized: boolean;
  userPinCountLow: boolean;
  userPinFinalTry: boolean;
  userPinLocked: boolean;
  /** The token has its own PIN pad or biometric reader: log in with a null PIN. */
  protectedAuthenticationPath: boolean;
  tokenInitialized: boolean;
  minPinLen: number;
  maxPinLen: number;
}

export interface CertificateEntry {
  /** CKA_ID in lowercase hex; pairs the certificate with its keys. */
  ckaIdHex: string;
  label: string;
  der: Buffer;
  /**
   * A private key with the same CKA_ID is on the token. Before login most tokens hide private
   * keys (CKA_PRIVATE), so a public key object with that CKA_ID counts as evidence too.
   */
  hasPrivateKey: boolean;
}

export interface TokenEntry {
  /** CK_SLOT_ID in decimal. */
  slotId: string;
  slotDescription: string;
  token: TokenInfoView;
  certificates: CertificateEntry[];
  /** Set when the token answered but its objects could not be read (e.g. not recognised). */
  error?: ErrorInfo;
}

/** The cheap view a poll needs: which initialised tokens sit in which slots, and their flags. */
export interface SlotState {
  slotId: string;
  token: TokenInfoView;
}

export interface PollResult {
  slots: SlotState[];
  /** Slots reported by C_WaitForSlotEvent(CKF_DONT_BLOCK) since the last poll. */
  events: string[];
  /** False when the module answers CKR_FUNCTION_NOT_SUPPORTED to C_WaitForSlotEvent. */
  slotEventsSupported: boolean;
}

export interface ModuleInfoView {
  path: string;
  manufacturerId: string;
  libraryDescription: string;
  cryptokiVersion: string;
}
