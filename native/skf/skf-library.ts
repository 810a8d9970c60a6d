// One loaded SKF (GM/T 0016) library, called through koffi. Synchronous: it runs inside the
// token worker only, never on the main thread. Every SAR value other than SAR_OK throws the
// catalogue error for it; the PIN goes to SKF_VerifyPIN and nowhere else.
import { readFileSync, existsSync } from 'node:fs';
import { basename } from 'node:path';
import koffi, { type LibraryHandle } from 'koffi';
import { AppError } from '../../domain/errors';
import { loadFailureCode } from '../pkcs11/ckr-errors';
import {
  ECC_PUBLIC_KEY_BLOB_SIZE,
  ECC_SIGNATURE_BLOB_SIZE,
  fixedString,
  parseNameList,
} from './ecc-blob';
import { SAR_BUFFER_TOO_SMALL, SAR_OK, sarError } from './sar-errors';

export type SkfHandle = bigint;

export const USER_TYPE = 1;
export const SGD_SM3 = 0x00000001;
export const CONTAINER_TYPE_ECC = 2;
/** GM/T 0009's default signer ID, which CAs and services use unless agreed otherwise. */
export const SM2_DEFAULT_ID = Buffer.from('1234567812345678', 'ascii');

/** DEVINFO is byte-packed in vendors' headers: 198 bytes of text and versions, then ULONGs. */
export const DEVINFO_TYPE = koffi.pack('SKF_DEVINFO', {
  Version: koffi.array('uint8_t', 2),
  Manufacturer: koffi.array('uint8_t', 64),
  Issuer: koffi.array('uint8_t', 64),
  Label: koffi.array('uint8_t', 32),
  SerialNumber: koffi.array('uint8_t', 32),
  HWVersion: koffi.array('uint8_t', 2),
  FirmwareVersion: koffi.array('uint8_t', 2),
  AlgSymCap: 'uint32_t',
  AlgAsymCap: 'uint32_t',
  AlgHashCap: 'uint32_t',
  DevAuthAlgId: 'uint32_t',
  TotalSpace: 'uint32_t',
  FreeSpace: 'uint32_t',
  MaxECCBufferSize: 'uint32_t',
  MaxBufferSize: 'uint32_t',
  Reserved: koffi.array('uint8_t', 64),
});

export interface SkfDeviceInfo {
  manufacturer: string;
  issuer: string;
  label: string;
  serialNumber: string;
}

export interface SkfPinInfo {
  maxRetries: number;
  retriesLeft: number;
  defaultPin: boolean;
}

type Call = (...args: unknown[]) => number;

/** Where Windows' WINAPI differs (32-bit only), koffi's __stdcall keeps the stack right. */
const CONVENTION = process.platform === 'win32' && process.arch === 'ia32' ? '__stdcall ' : '';

const PROTOTYPES = {
  SKF_EnumDev:
    'uint32_t %s(int32_t bPresent, _Inout_ uint8_t *szNameList, _Inout_ uint32_t *pulSize)',
  SKF_ConnectDev: 'uint32_t %s(const char *szName, _Out_ void **phDev)',
  SKF_DisConnectDev: 'uint32_t %s(void *hDev)',
  SKF_GetDevInfo: 'uint32_t %s(void *hDev, _Out_ SKF_DEVINFO *pDevInfo)',
  SKF_EnumApplication:
    'uint32_t %s(void *hDev, _Inout_ uint8_t *szAppName, _Inout_ uint32_t *pulSize)',
  SKF_OpenApplication: 'uint32_t %s(void *hDev, const char *szAppName, _Out_ void **phApp)',
  SKF_CloseApplication: 'uint32_t %s(void *hApp)',
  SKF_GetPINInfo:
    'uint32_t %s(void *hApp, uint32_t ulPINType, _Out_ uint32_t *pulMax, _Out_ uint32_t *pulRemain, _Out_ int32_t *pbDefault)',
  SKF_VerifyPIN:
    'uint32_t %s(void *hApp, uint32_t ulPINType, const char *szPIN, _Out_ uint32_t *pulRetryCount)',
  SKF_EnumContainer:
    'uint32_t %s(void *hApp, _Inout_ uint8_t *szContainerName, _Inout_ uint32_t *pulSize)',
  SKF_OpenContainer: 'uint32_t %s(void *hApp, const char *szContainerName, _Out_ void **phCon)',
  SKF_CloseContainer: 'uint32_t %s(void *hCon)',
  SKF_ExportCertificate:
    'uint32_t %s(void *hCon, int32_t bSignFlag, _Inout_ uint8_t *pbCert, _Inout_ uint32_t *pulCertLen)',
  SKF_ExportPublicKey:
    'uint32_t %s(void *hCon, int32_t bSignFlag, _Inout_ uint8_t *pbBlob, _Inout_ uint32_t *pulBlobLen)',
  SKF_ECCSignData:
    'uint32_t %s(void *hCon, const uint8_t *pbDigest, uint32_t ulDigestLen, _Out_ uint8_t *pSignature)',
  SKF_DigestInit:
    'uint32_t %s(void *hDev, uint32_t ulAlgID, const uint8_t *pPubKey, const uint8_t *pbID, uint32_t ulIDLen, _Out_ void **phHash)',
  SKF_Digest:
    'uint32_t %s(void *hHash, const uint8_t *pbData, uint32_t ulDataLen, _Inout_ uint8_t *pbHash, _Inout_ uint32_t *pulHashLen)',
  SKF_CloseHandle: 'uint32_t %s(void *hHandle)',
} as const;

type FunctionName = keyof typeof PROTOTYPES | 'SKF_GetContainerType';

export class SkfLibrary {
  readonly file: string;
  private readonly calls: Record<FunctionName, Call>;

  private constructor(
    readonly path: string,
    private readonly lib: LibraryHandle,
  ) {
    this.file = basename(path);
    const calls: Partial<Record<FunctionName, Call>> = {};
    for (const [name, prototype] of Object.entries(PROTOTYPES)) {
      calls[name as FunctionName] = this.bind(name, prototype);
    }
    // The standard name, or the misspelling some vendors' DLLs export instead.
    const typePrototype = 'uint32_t %s(void *hCon, _Out_ uint32_t *pulType)';
    calls.SKF_GetContainerType =
      this.tryBind('SKF_GetContainerType', typePrototype) ??
      this.tryBind('SKF_GetContianerType', typePrototype) ??
      (() => {
        throw new AppError('TOKEN_MECHANISM_UNSUPPORTED');
      });
    this.calls = calls as Record<FunctionName, Call>;
  }

  /** Loads the library; MODULE_* errors name the file, SKF_NOT_SKF_LIBRARY when it lacks SKF. */
  static load(path: string): SkfLibrary {
    const file = basename(path);
    if (!existsSync(path)) throw new AppError('MODULE_NOT_FOUND', { file });
    let lib: LibraryHandle;
    try {
      lib = koffi.load(path);
    } catch (error) {
      let head: Uint8Array | null = null;
      try {
        head = readFileSync(path).subarray(0, 4);
      } catch {
        head = null;
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new AppError(loadFailureCode(true, message, head), { file });
    }
    try {
      return new SkfLibrary(path, lib);
    } catch (error) {
      lib.unload();
      if (error instanceof AppError) throw error;
      throw new AppError('SKF_NOT_SKF_LIBRARY', { file });
    }
  }

  unload(): void {
    this.lib.unload();
  }

  private bind(name: string, prototype: string): Call {
    return this.lib.func(CONVENTION + prototype.replace('%s', name)) as Call;
  }

  private tryBind(name: string, prototype: string): Call | null {
    try {
      return this.bind(name, prototype);
    } catch {
      return null;
    }
  }

  private check(rv: number, call: string): void {
    if (rv !== SAR_OK) throw sarError(rv, call);
  }

  /** The size-query-then-fill pattern of SKF's list and export calls. */
  private sized(call: string, fill: (buffer: Buffer | null, size: number[]) => number): Buffer {
    for (let attempt = 0; attempt < 3; attempt++) {
      const size = [0];
      this.check(fill(null, size), call);
      const length = size[0] ?? 0;
      if (length === 0) return Buffer.alloc(0);
      const buffer = Buffer.alloc(length);
      const got = [length];
      const rv = fill(buffer, got);
      if (rv === SAR_BUFFER_TOO_SMALL) continue; // grew in between: ask again
      this.check(rv, call);
      return buffer.subarray(0, Math.min(got[0] ?? length, length));
    }
    throw sarError(SAR_BUFFER_TOO_SMALL, call);
  }

  enumDevices(presentOnly: boolean): string[] {
    const list = this.sized('SKF_EnumDev', (b, s) =>
      this.calls.SKF_EnumDev(presentOnly ? 1 : 0, b, s),
    );
    return parseNameList(list);
  }

  connect(name: string): SkfHandle {
    const handle: unknown[] = [null];
    this.check(this.calls.SKF_ConnectDev(name, handle), 'SKF_ConnectDev');
    return handleOf(handle[0]);
  }

  disconnect(device: SkfHandle): void {
    this.calls.SKF_DisConnectDev(device);
  }

  deviceInfo(device: SkfHandle): SkfDeviceInfo {
    const info: Record<string, unknown> = {};
    this.check(this.calls.SKF_GetDevInfo(device, info), 'SKF_GetDevInfo');
    const text = (key: string) => fixedString(Uint8Array.from(info[key] as ArrayLike<number>));
    return {
      manufacturer: text('Manufacturer'),
      issuer: text('Issuer'),
      label: text('Label'),
      serialNumber: text('SerialNumber'),
    };
  }

  applications(device: SkfHandle): string[] {
    return parseNameList(
      this.sized('SKF_EnumApplication', (b, s) => this.calls.SKF_EnumApplication(device, b, s)),
    );
  }

  openApplication(device: SkfHandle, name: string): SkfHandle {
    const handle: unknown[] = [null];
    this.check(this.calls.SKF_OpenApplication(device, name, handle), 'SKF_OpenApplication');
    return handleOf(handle[0]);
  }

  closeApplication(app: SkfHandle): void {
    this.calls.SKF_CloseApplication(app);
  }

  pinInfo(app: SkfHandle): SkfPinInfo {
    const max = [0];
    const left = [0];
    const isDefault = [0];
    this.check(this.calls.SKF_GetPINInfo(app, USER_TYPE, max, left, isDefault), 'SKF_GetPINInfo');
    return { maxRetries: max[0] ?? 0, retriesLeft: left[0] ?? 0, defaultPin: isDefault[0] !== 0 };
  }

  /** Throws PIN_INCORRECT / PIN_LOCKED / …; the retry count is read again with pinInfo. */
  verifyPin(app: SkfHandle, pin: string): void {
    const retries = [0];
    this.check(this.calls.SKF_VerifyPIN(app, USER_TYPE, pin, retries), 'SKF_VerifyPIN');
  }

  containers(app: SkfHandle): string[] {
    return parseNameList(
      this.sized('SKF_EnumContainer', (b, s) => this.calls.SKF_EnumContainer(app, b, s)),
    );
  }

  openContainer(app: SkfHandle, name: string): SkfHandle {
    const handle: unknown[] = [null];
    this.check(this.calls.SKF_OpenContainer(app, name, handle), 'SKF_OpenContainer');
    return handleOf(handle[0]);
  }

  closeContainer(container: SkfHandle): void {
    this.calls.SKF_CloseContainer(container);
  }

  containerType(container: SkfHandle): number {
    const type = [0];
    this.check(this.calls.SKF_GetContainerType(container, type), 'SKF_GetContainerType');
    return type[0] ?? 0;
  }

  /** The signing (true) or encryption (false) certificate; null when the container has none. */
  certificate(container: SkfHandle, signing: boolean): Buffer | null {
    try {
      const der = this.sized('SKF_ExportCertificate', (b, s) =>
        this.calls.SKF_ExportCertificate(container, signing ? 1 : 0, b, s),
      );
      return der.length > 0 ? der : null;
    } catch (error) {
      if (error instanceof AppError && error.code === 'TOKEN_KEY_NOT_FOUND') return null;
      throw error;
    }
  }

  /** The signing key's ECCPUBLICKEYBLOB (132 bytes). */
  publicKeyBlob(container: SkfHandle): Buffer {
    const blob = this.sized('SKF_ExportPublicKey', (b, s) =>
      this.calls.SKF_ExportPublicKey(container, 1, b, s),
    );
    if (blob.length !== ECC_PUBLIC_KEY_BLOB_SIZE) throw new AppError('SKF_KEY_NOT_SM2');
    return blob;
  }

  /** e = SM3(Z ‖ data), Z from the public key and the signer ID, computed by the device. */
  sm2Digest(device: SkfHandle, publicKeyBlob: Buffer, id: Buffer, data: Uint8Array): Buffer {
    const hash: unknown[] = [null];
    this.check(
      this.calls.SKF_DigestInit(device, SGD_SM3, publicKeyBlob, id, id.length, hash),
      'SKF_DigestInit',
    );
    const handle = handleOf(hash[0]);
    try {
      const out = Buffer.alloc(32);
      const size = [out.length];
      this.check(
        this.calls.SKF_Digest(handle, Buffer.from(data), data.length, out, size),
        'SKF_Digest',
      );
      if (size[0] !== 32) throw new AppError('TOKEN_DEVICE_ERROR');
      return out;
    } finally {
      this.calls.SKF_CloseHandle(handle);
    }
  }

  /** SKF_ECCSignData over a 32-byte digest; returns the ECCSIGNATUREBLOB (128 bytes). */
  signDigest(container: SkfHandle, digest: Buffer): Buffer {
    const blob = Buffer.alloc(ECC_SIGNATURE_BLOB_SIZE);
    this.check(
      this.calls.SKF_ECCSignData(container, digest, digest.length, blob),
      'SKF_ECCSignData',
    );
    return blob;
  }
}

function handleOf(value: unknown): SkfHandle {
  if (typeof value === 'bigint' && value !== 0n) return value;
  if (typeof value === 'number' && value !== 0) return BigInt(value);
  throw new AppError('TOKEN_FAILED', { detail: 'null handle' });
}
