// 自检: every check in one run, in the order a help desk asks — drivers and U盾, clock and
// network, this PC's data, versions. A check that throws becomes a finding; the run never fails.
import { trustedNow } from '../../../domain/certificate-status';
import type { KeySealer } from '../store/key-vault';
import type { ProxySetting } from '../it-settings';
import type { HttpFetch } from '../net/http-fetch';
import { processArch } from './binary-arch';
import { checkModules, type ModuleProbe, type ModuleTarget } from './check-modules';
import { checkService } from './check-service';
import { checkStorage } from './check-storage';
import { checkVersions } from './check-versions';
import { finding, type Finding } from './finding';

export interface DiagnosticsInputs {
  serverUrl: string;
  proxy: ProxySetting;
  dataDir: string;
  keySealer?: KeySealer;
  appVersion: string;
  modules: readonly ModuleTarget[];
  probe: ModuleProbe;
  platform?: NodeJS.Platform;
  pcNow?: () => number;
  freeBytes?: (dir: string) => number;
  timeoutMs?: number;
  /** How the app reaches the service (through IT's proxy in the Electron app). */
  http?: HttpFetch;
}

export interface DiagnosticsReport {
  /** When the run finished (PC clock). */
  at: string;
  findings: Finding[];
}

async function guarded(
  check: string,
  run: () => Promise<Finding[]> | Finding[],
): Promise<Finding[]> {
  try {
    return await run();
  } catch {
    return [finding('app', 'warning', 'CHECK_FAILED', 'CHECK_FAILED', { check })];
  }
}

export async function runDiagnostics(inputs: DiagnosticsInputs): Promise<DiagnosticsReport> {
  const pcNow = inputs.pcNow ?? Date.now;
  // The service first: its clock decides whether certificates are judged by the PC's time.
  let serverOffsetMs: number | null = null;
  const service = await guarded('网络', async () => {
    const result = await checkService({
      serverUrl: inputs.serverUrl,
      proxy: inputs.proxy,
      pcNow,
      timeoutMs: inputs.timeoutMs,
      http: inputs.http,
    });
    serverOffsetMs = result.serverOffsetMs;
    return result.findings;
  });
  const now = trustedNow(new Date(pcNow()), serverOffsetMs).now;
  const modules = await guarded('U盾驱动', () =>
    checkModules({
      targets: inputs.modules,
      probe: inputs.probe,
      appArch: processArch(),
      platform: inputs.platform ?? process.platform,
      now,
    }),
  );
  const storage = await guarded('本机数据', () =>
    checkStorage({
      dataDir: inputs.dataDir,
      freeBytes: inputs.freeBytes,
      keySealer: inputs.keySealer,
    }),
  );
  const versions = checkVersions(inputs.appVersion);
  const browser = [finding('app', 'ok', 'BROWSER_NOT_NEEDED', 'BROWSER_NOT_NEEDED')];
  return {
    at: new Date(pcNow()).toISOString(),
    findings: [...modules, ...service, ...storage, ...browser, ...versions],
  };
}
