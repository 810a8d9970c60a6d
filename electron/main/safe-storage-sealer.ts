// Seals each person's database key with Electron's safeStorage: DPAPI on Windows (bound to the
// Windows account), Keychain on macOS, the desktop keyring on Linux. A copied key file is useless
// on another PC or to another account of the same PC.
import { safeStorage } from 'electron';
import type { KeySealer } from '../services/store/key-vault';

type SafeStorage = Pick<
  typeof safeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString'
>;

/** The safeStorage sealer, or null where the OS offers no protected storage. */
export function safeStorageSealer(storage: SafeStorage = safeStorage): KeySealer | null {
  if (!storage.isEncryptionAvailable()) return null;
  return {
    kind: 'safe-storage',
    seal: (secret) => storage.encryptString(secret.toString('base64')),
    unseal: (sealed) => Buffer.from(storage.decryptString(sealed), 'base64'),
  };
}
