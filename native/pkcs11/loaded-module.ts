// One PKCS#11 module loaded with pkcs11js, driven synchronously. Runs only inside the token
// worker: every call here may block for as long as the token takes.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import pkcs11js from 'pkcs11js';
import { AppError, describeError } from '../../domain/errors';
import { CKR, ckrError, loadFailureCode } from './ckr-errors';
import { sha256DigestInfo } from './digest-info';
import { isSm2KeyType, SM2_EC_PARAMS_HEX } from './sm2-mechanisms';
import { signSm2, unwrapEcPoint } from './sm2-sign';
import { sm2PublicKeyFromSpki } from '../../domain/crypto/sm2';
import { x509 } from '../../domain/x509';
import type {
  CertificateEntry,
  ModuleInfoView,
  PollResult,
  SlotState,
  TokenEntry,
  TokenInfoView,
} from './types';

type Handle = Buffer;

/** Bounds on loops over what a module returns, so a broken driver cannot spin us forever. */
const MAX_OBJECTS = 512;
const MAX_SLOT_EVENTS = 32;
/** CK_UNAVAILABLE_INFORMATION / CK_EFFECTIVELY_INFINITE style values for PIN lengths. */
const PIN_LEN_UNKNOWN = 0xffff;

interface Pkcs11ErrorLike {
  code: number;
  message: string;
}

function isPkcs11Error(error: unknown): error is Pkcs11ErrorLike {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'number' &&
    /^CKR_/.test(error.message)
  );
}

function ckrOf(error: unknown): number | null {
  return isPkcs11Error(error) ? error.code : null;
}

/** Runs a PKCS#11 call and turns a CKR_* into the catalogue's error for that function. */
function call<T>(fn: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const ckr = ckrOf(error);
    if (ckr !== null) throw ckrError(ckr, fn);
    throw new AppError('TOKEN_FAILED', { fn }, { cause: error });
  }
}

function trimPadding(value: string): string {
  return value.replace(/[\s\0]+$/u, '');
}

/** CK_SLOT_ID as decimal text; the handle is a native-endian CK_ULONG (4 bytes on Windows). */
function slotIdOf(handle: Handle): string {
  let value = 0n;
  for (let i = handle.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(handle[i] ?? 0);
  return value.toString();
}

function readUlong(buffer: Buffer): number {
  if (buffer.length >= 8) return Number(buffer.readBigUInt64LE(0));
  if (buffer.length >= 4) return buffer.readUInt32LE(0);
  return buffer.length > 0 ? (buffer[0] ?? 0) : 0;
}

function readHead(path: string): Uint8Array | null {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(64);
      const n = readSync(fd, head, 0, head.length, 0);
      return head.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

export function decodeTokenInfo(info: pkcs11js.TokenInfo): TokenInfoView {
  const f = info.flags;
  const has = (bit: number) => (f & bit) !== 0;
  return {
    label: trimPadding(info.label),
    manufacturerId: trimPadding(info.manufacturerID),
    model: trimPadding(info.model),
    serialNumber: trimPadding(info.serialNumber),
    flags: f,
    loginRequired: has(pkcs11js.CKF_LOGIN_REQUIRED),
    userPinInitialized: has(pkcs11js.CKF_USER_PIN_INITIALIZED),
    userPinCountLow: has(pkcs11js.CKF_USER_PIN_COUNT_LOW),
    userPinFinalTry: has(pkcs11js.CKF_USER_PIN_FINAL_TRY),
    userPinLocked: has(pkcs11js.CKF_USER_PIN_LOCKED),
    protectedAuthenticationPath: has(pkcs11js.CKF_PROTECTED_AUTHENTICATION_PATH),
    tokenInitialized: has(pkcs11js.CKF_TOKEN_INITIALIZED),
    minPinLen: info.minPinLen,
    maxPinLen: info.maxPinLen,
  };
}

/** Rejects a PIN the token would refuse anyway, without spending one of its retries. */
function checkPin(pin: string | null, token: TokenInfoView): void {
  if (token.userPinLocked) throw new AppError('PIN_LOCKED');
  if (pin === null) {
    if (!token.protectedAuthenticationPath) throw new AppError('PIN_EMPTY');
    return;
  }
  if (pin.length === 0) throw new AppError('PIN_EMPTY');
  const bytes = Buffer.byteLength(pin, 'utf8');
  const min = token.minPinLen;
  const max = token.maxPinLen;
  const tooShort = min > 0 && min < PIN_LEN_UNKNOWN && bytes < min;
  const tooLong = max > 0 && max < PIN_LEN_UNKNOWN && bytes > max;
  if (tooShort || tooLong) throw new AppError('PIN_LEN_RANGE', { min, max });
}

export class LoadedModule {
  private readonly slots = new Map<string, Handle>();
  /** Logged-in sessions kept for later signatures, by slot id. */
  private readonly sessions = new Map<string, Handle>();
  private readonly mechanisms = new Map<string, readonly number[]>();
  private slotEventsSupported = true;

  private constructor(
    private readonly lib: pkcs11js.PKCS11,
    private readonly path: string,
  ) {}

  static load(path: string): LoadedModule {
    const file = basename(path);
    const lib = new pkcs11js.PKCS11();
    try {
      lib.load(path);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = loadFailureCode(existsSync(path), message, readHead(path));
      throw new AppError(code, { file }, { cause: error });
    }
    const module = new LoadedModule(lib, path);
    try {
      module.initialize();
    } catch (error) {
      module.unload();
      const ckr = ckrOf(error);
      throw new AppError('MODULE_LOAD_FAILED', ckr === null ? { file } : { file, ckr }, {
        cause: error,
      });
    }
    return module;
  }

  private initialize(): void {
    try {
      this.lib.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
    } catch (error) {
      const ckr = ckrOf(error);
      if (ckr === CKR.CRYPTOKI_ALREADY_INITIALIZED) return;
      // A module that cannot use OS locks still works: this worker serialises every call.
      if (ckr === 0x00a /* CKR_CANT_LOCK */) {
        this.initializePlain();
        return;
      }
      throw error;
    }
  }

  private initializePlain(): void {
    try {
      this.lib.C_Initialize();
    } catch (error) {
      if (ckrOf(error) !== CKR.CRYPTOKI_ALREADY_INITIALIZED) throw error;
    }
  }

  info(): ModuleInfoView {
    const info = call('C_GetInfo', () => this.lib.C_GetInfo());
    return {
      path: this.path,
      manufacturerId: trimPadding(info.manufacturerID),
      libraryDescription: trimPadding(info.libraryDescription),
      cryptokiVersion: `${info.cryptokiVersion.major}.${info.cryptokiVersion.minor}`,
    };
  }

  private slotHandle(slotId: string): Handle {
    const known = this.slots.get(slotId);
    if (known) return known;
    this.presentSlots();
    const found = this.slots.get(slotId);
    if (!found) throw new AppError('TOKEN_NOT_PRESENT', { slotId });
    return found;
  }

  private presentSlots(): Handle[] {
    const handles = call('C_GetSlotList', () => this.lib.C_GetSlotList(true));
    for (const handle of handles) this.slots.set(slotIdOf(handle), handle);
    return handles;
  }

  /** Initialised tokens in present slots. A token whose info cannot be read counts as gone. */
  slotStates(): SlotState[] {
    const states: SlotState[] = [];
    for (const handle of this.presentSlots()) {
      let token: TokenInfoView;
      try {
        token = decodeTokenInfo(this.lib.C_GetTokenInfo(handle));
      } catch {
        continue;
      }
      if (token.tokenInitialized) states.push({ slotId: slotIdOf(handle), token });
    }
    return states;
  }

  poll(): PollResult {
    const events: string[] = [];
    if (this.slotEventsSupported) {
      for (let i = 0; i < MAX_SLOT_EVENTS; i++) {
        let slot: Handle | null;
        try {
          slot = this.lib.C_WaitForSlotEvent(pkcs11js.CKF_DONT_BLOCK);
        } catch (error) {
          if (ckrOf(error) === CKR.FUNCTION_NOT_SUPPORTED) this.slotEventsSupported = false;
          break;
        }
        if (!slot) break;
        events.push(slotIdOf(slot));
      }
    }
    return { slots: this.slotStates(), events, slotEventsSupported: this.slotEventsSupported };
  }

  tokenInfo(slotId: string): TokenInfoView {
    const slot = this.slotHandle(slotId);
    return decodeTokenInfo(call('C_GetTokenInfo', () => this.lib.C_GetTokenInfo(slot)));
  }

  listTokens(): TokenEntry[] {
    const entries: TokenEntry[] = [];
    for (const { slotId, token } of this.slotStates()) {
      const slot = this.slotHandle(slotId);
      let slotDescription = '';
      try {
        slotDescription = trimPadding(this.lib.C_GetSlotInfo(slot).slotDescription);
      } catch {
        // The description is decoration; the token itself answered.
      }
      try {
        entries.push({ slotId, slotDescription, token, certificates: this.readCertificates(slot) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'TOKEN_REMOVED' || error.code === 'TOKEN_NOT_PRESENT') continue;
        entries.push({
          slotId,
          slotDescription,
          token,
          certificates: [],
          error: describeError(error.code, error.params),
        });
      }
    }
    return entries;
  }

  private findAll(session: Handle, template: pkcs11js.Template): Handle[] {
    call('C_FindObjectsInit', () => this.lib.C_FindObjectsInit(session, template));
    const found: Handle[] = [];
    try {
      while (found.length < MAX_OBJECTS) {
        const batch = call('C_FindObjects', () => this.lib.C_FindObjects(session, 64));
        if (batch.length === 0) break;
        found.push(...batch);
      }
    } finally {
      try {
        this.lib.C_FindObjectsFinal(session);
      } catch {
        // Nothing to undo if the token already dropped the search.
      }
    }
    return found;
  }

  private attribute(session: Handle, object: Handle, type: number): Buffer | null {
    try {
      const [attr] = this.lib.C_GetAttributeValue(session, object, [{ type }]);
      return attr?.value ?? null;
    } catch {
      return null;
    }
  }

  private idsOf(session: Handle, objectClass: number): Set<string> {
    const ids = new Set<string>();
    for (const handle of this.findAll(session, [
      { type: pkcs11js.CKA_CLASS, value: objectClass },
    ])) {
      const id = this.attribute(session, handle, pkcs11js.CKA_ID);
      if (id && id.length > 0) ids.add(id.toString('hex'));
    }
    return ids;
  }

  private withReadSession<T>(slot: Handle, run: (session: Handle) => T): T {
    const session = call('C_OpenSession', () =>
      this.lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION),
    );
    try {
      return run(session);
    } finally {
      try {
        this.lib.C_CloseSession(session);
      } catch {
        // The token may be gone; the session went with it.
      }
    }
  }

  /** Certificates paired with keys by CKA_ID, read without logging in. */
  private readCertificates(slot: Handle): CertificateEntry[] {
    return this.withReadSession(slot, (session) => {
      const certHandles = this.findAll(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
        { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
      ]);
      const privateIds = this.idsOf(session, pkcs11js.CKO_PRIVATE_KEY);
      const publicIds = this.idsOf(session, pkcs11js.CKO_PUBLIC_KEY);
      const certificates: CertificateEntry[] = [];
      for (const handle of certHandles) {
        const der = this.attribute(session, handle, pkcs11js.CKA_VALUE);
        if (!der || der.length === 0) continue;
        const ckaIdHex = this.attribute(session, handle, pkcs11js.CKA_ID)?.toString('hex') ?? '';
        const label = trimPadding(
          this.attribute(session, handle, pkcs11js.CKA_LABEL)?.toString('utf8') ?? '',
        );
        const hasPrivateKey =
          ckaIdHex !== '' && (privateIds.has(ckaIdHex) || publicIds.has(ckaIdHex));
        certificates.push({ ckaIdHex, label, der: Buffer.from(der), hasPrivateKey });
      }
      return certificates;
    });
  }

  login(slotId: string, pin: string | null): void {
    const slot = this.slotHandle(slotId);
    checkPin(pin, this.tokenInfo(slotId));
    this.closeKeptSession(slotId);
    const session = call('C_OpenSession', () =>
      this.lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION),
    );
    try {
      this.loginSession(session, pin);
    } catch (error) {
      this.closeQuietly(session);
      throw error;
    }
    this.sessions.set(slotId, session);
  }

  private loginSession(session: Handle, pin: string | null): void {
    // pkcs11js cannot pass NULL_PTR: for a PIN pad it sends an empty PIN (length 0), which
    // modules with a pad (OpenSC, the simulator) take as "ask on the device".
    const run = () => this.lib.C_Login(session, pkcs11js.CKU_USER, pin ?? '');
    try {
      run();
    } catch (error) {
      // Login state is per application, not per session: an earlier login (a worker that
      // was restarted) would let any PIN "succeed". Log out and check this PIN for real.
      if (ckrOf(error) !== CKR.USER_ALREADY_LOGGED_IN) throw this.loginError(error);
      try {
        this.lib.C_Logout(session);
      } catch {
        // Already logged out by now is fine.
      }
      try {
        run();
      } catch (retryError) {
        throw this.loginError(retryError);
      }
    }
  }

  private loginError(error: unknown): AppError {
    const ckr = ckrOf(error);
    return ckr === null
      ? new AppError('TOKEN_FAILED', { fn: 'C_Login' })
      : ckrError(ckr, 'C_Login');
  }

  private mechanismsOf(slotId: string, slot: Handle): readonly number[] {
    let list = this.mechanisms.get(slotId);
    if (!list) {
      list = call('C_GetMechanismList', () => this.lib.C_GetMechanismList(slot));
      this.mechanisms.set(slotId, list);
    }
    return list;
  }

  private findPrivateKey(session: Handle, ckaIdHex: string): Handle {
    const keys = this.findAll(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_ID, value: Buffer.from(ckaIdHex, 'hex') },
    ]);
    const key = keys[0];
    if (!key) throw new AppError('TOKEN_KEY_NOT_FOUND', { ckaId: ckaIdHex });
    return key;
  }

  /** SHA-256 signature: RSA PKCS#1 v1.5, or ECDSA as raw r||s (what the token returns); SM2 with SM3, raw r||s. */
  sign(slotId: string, ckaIdHex: string, data: Buffer): Buffer {
    const session = this.sessions.get(slotId);
    if (!session) throw new AppError('TOKEN_SESSION_CLOSED', { fn: 'C_Sign' });
    try {
      return this.signWith(session, slotId, ckaIdHex, data);
    } catch (error) {
      if (error instanceof AppError && this.sessionLost(error)) this.closeKeptSession(slotId);
      throw error;
    }
  }

  private sessionLost(error: AppError): boolean {
    return ['TOKEN_SESSION_CLOSED', 'TOKEN_REMOVED', 'TOKEN_NOT_PRESENT'].includes(error.code);
  }

  private signWith(session: Handle, slotId: string, ckaIdHex: string, data: Buffer): Buffer {
    const key = this.findPrivateKey(session, ckaIdHex);
    const keyTypeRaw = this.attribute(session, key, pkcs11js.CKA_KEY_TYPE);
    const keyType = keyTypeRaw ? readUlong(keyTypeRaw) : -1;
    const sm2 = isSm2KeyType(keyType)
      ? keyType
      : keyType === pkcs11js.CKK_EC &&
          this.attribute(session, key, pkcs11js.CKA_EC_PARAMS)?.toString('hex') ===
            SM2_EC_PARAMS_HEX
        ? null
        : undefined;
    if (sm2 !== undefined) return this.signSm2With(session, slotId, ckaIdHex, key, sm2, data);
    let mechanism: number;
    let input: Buffer;
    if (keyType === pkcs11js.CKK_RSA) {
      const mechanisms = this.mechanismsOf(slotId, this.slotHandle(slotId));
      if (mechanisms.includes(pkcs11js.CKM_SHA256_RSA_PKCS)) {
        mechanism = pkcs11js.CKM_SHA256_RSA_PKCS;
        input = data;
      } else {
        mechanism = pkcs11js.CKM_RSA_PKCS;
        input = sha256DigestInfo(createHash('sha256').update(data).digest());
      }
    } else if (keyType === pkcs11js.CKK_EC) {
      mechanism = pkcs11js.CKM_ECDSA;
      input = createHash('sha256').update(data).digest();
    } else {
      throw new AppError('TOKEN_MECHANISM_UNSUPPORTED', { keyType });
    }
    call('C_SignInit', () => this.lib.C_SignInit(session, { mechanism }, key));
    // 1024 bytes holds an RSA-8192 signature; pkcs11js returns the used part.
    return Buffer.from(call('C_Sign', () => this.lib.C_Sign(session, input, Buffer.alloc(1024))));
  }

  private signSm2With(
    session: Handle,
    slotId: string,
    ckaIdHex: string,
    key: Handle,
    keyType: number | null,
    data: Buffer,
  ): Buffer {
    const slot = this.slotHandle(slotId);
    const offered = this.mechanismsOf(slotId, slot);
    return signSm2(
      {
        keyType,
        canSign: (mechanism) => {
          if (!offered.includes(mechanism)) return false;
          try {
            return (this.lib.C_GetMechanismInfo(slot, mechanism).flags & pkcs11js.CKF_SIGN) !== 0;
          } catch {
            return false;
          }
        },
        sign: (mechanism, input) => {
          call('C_SignInit', () => this.lib.C_SignInit(session, { mechanism }, key));
          return Buffer.from(
            call('C_Sign', () => this.lib.C_Sign(session, input, Buffer.alloc(256))),
          );
        },
        publicPoint: () => this.sm2PublicPoint(session, ckaIdHex),
      },
      data,
    );
  }

  /** The SM2 point of a key pair: its public key object's CKA_EC_POINT, else its certificate. */
  private sm2PublicPoint(session: Handle, ckaIdHex: string): Uint8Array | null {
    const id = Buffer.from(ckaIdHex, 'hex');
    const [publicKey] = this.findAll(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
      { type: pkcs11js.CKA_ID, value: id },
    ]);
    const point = publicKey && this.attribute(session, publicKey, pkcs11js.CKA_EC_POINT);
    if (point) return unwrapEcPoint(point);
    const [certificate] = this.findAll(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_ID, value: id },
    ]);
    const der = certificate && this.attribute(session, certificate, pkcs11js.CKA_VALUE);
    if (!der) return null;
    try {
      const cert = new x509.X509Certificate(new Uint8Array(der));
      return sm2PublicKeyFromSpki(new Uint8Array(cert.publicKey.rawData));
    } catch {
      return null;
    }
  }

  logout(slotId: string): void {
    const session = this.sessions.get(slotId);
    if (!session) return;
    this.sessions.delete(slotId);
    try {
      this.lib.C_Logout(session);
    } catch {
      // A token that was removed or already logged out is logged out; closing the session
      // below ends the login anyway when it is the application's last session.
    } finally {
      this.closeQuietly(session);
    }
  }

  private closeKeptSession(slotId: string): void {
    const session = this.sessions.get(slotId);
    if (!session) return;
    this.sessions.delete(slotId);
    this.closeQuietly(session);
  }

  private closeQuietly(session: Handle): void {
    try {
      this.lib.C_CloseSession(session);
    } catch {
      // Closing is best effort: the token may already be gone.
    }
  }

  rescan(): SlotState[] {
    for (const slotId of [...this.sessions.keys()]) this.closeKeptSession(slotId);
    try {
      this.lib.C_Finalize();
    } catch {
      // Not initialised any more is what we want.
    }
    this.slots.clear();
    this.mechanisms.clear();
    this.slotEventsSupported = true;
    call('C_Initialize', () => this.initialize());
    return this.slotStates();
  }

  finalize(): void {
    for (const slotId of [...this.sessions.keys()]) this.closeKeptSession(slotId);
    try {
      this.lib.C_Finalize();
    } catch {
      // Finalising twice, or after the device went away, changes nothing for us.
    }
    this.unload();
  }

  private unload(): void {
    try {
      this.lib.close();
    } catch {
      // The library stays mapped; nothing else to do.
    }
  }
}
