// Loads a PKCS#11 module on its own (the doctor CLI runs outside the app) and lists its tokens
// and certificates. Each module gets a fresh worker, closed again before the next one.
import { AppError } from '../../../domain/errors';
import { Pkcs11ModuleHost } from '../../../native/pkcs11/module-host';
import { readCertificate } from '../certificates/certificate-details';
import type { ModuleProbe, TokenSummary } from './check-modules';

export const pkcs11Probe: ModuleProbe = async (path) => {
  let host: Pkcs11ModuleHost | null = null;
  try {
    host = await Pkcs11ModuleHost.open(path);
    const entries = await host.listTokens();
    const tokens: TokenSummary[] = entries.map((entry) => ({
      label: entry.token.label.trim() || entry.slotDescription.trim(),
      vendor: entry.token.manufacturerId.trim(),
      certificates: entry.certificates.flatMap((cert) => {
        try {
          const details = readCertificate(cert.der);
          return [
            {
              holder: details.holderName,
              notBefore: details.notBefore,
              notAfter: details.notAfter,
            },
          ];
        } catch {
          return [];
        }
      }),
    }));
    return { ok: true, tokens };
  } catch (error) {
    return { ok: false, code: error instanceof AppError ? error.code : 'MODULE_LOAD_FAILED' };
  } finally {
    await host?.close().catch(() => undefined);
  }
};
