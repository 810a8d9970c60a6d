// In the running app the token watch already holds every module open (a module may be
// initialised only once per process), so 自检 reads its snapshot instead of loading them again.
import { posix, win32 } from 'node:path';
import type { TokenSnapshot } from '../../contract/views';
import { isErrorCode } from '../../../domain/error-catalogue';
import type { ModuleProbe } from './check-modules';

export function snapshotProbe(snapshot: () => TokenSnapshot): ModuleProbe {
  return async (path) => {
    const file = /^[A-Za-z]:[\\/]|\\/.test(path) ? win32.basename(path) : posix.basename(path);
    const current = snapshot();
    const failed = current.moduleErrors.find((e) => e.message.includes(file));
    if (failed) {
      return { ok: false, code: isErrorCode(failed.code) ? failed.code : 'MODULE_LOAD_FAILED' };
    }
    const tokens = current.tokens
      .filter((t) => !t.isDemo && t.moduleFile === file)
      .map((t) => ({
        label: t.label,
        vendor: t.vendor,
        certificates: t.certificates.map((c) => ({
          holder: c.holderName,
          notBefore: new Date(c.notBefore),
          notAfter: new Date(c.notAfter),
        })),
      }));
    return { ok: true, tokens };
  };
}
