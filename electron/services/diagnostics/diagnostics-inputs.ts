// What 自检 looks at, from the app's configuration: the same in the app and in `npm run doctor`.
import type { AppConfig } from '../app-services-types';
import type { ModuleProbe } from './check-modules';
import { moduleTargets } from './module-targets';
import type { DiagnosticsInputs } from './run-diagnostics';

export function diagnosticsInputs(config: AppConfig, probe: ModuleProbe): DiagnosticsInputs {
  return {
    serverUrl: config.serverUrl,
    proxy: config.it?.proxy ?? 'system',
    dataDir: config.dataDir,
    keySealer: config.keySealer,
    appVersion: config.version,
    modules: moduleTargets({
      platform: process.platform,
      env: process.env,
      extraModules: config.extraModules,
      scanRegistry: config.scanRegistry,
      skfModules: config.it?.skfModules ?? [],
    }),
    probe,
  };
}
