// 自检 in the app: the same checks as `npm run doctor`, on the app's own configuration, and the
// help desk's bundle.
import type { AppConfig, Handlers } from '../app-services-types';
import type { HttpFetch } from '../net/http-fetch';
import type { TokenService } from '../tokens/token-service';
import { buildBundle } from './diagnostic-bundle';
import { diagnosticsInputs } from './diagnostics-inputs';
import { runDiagnostics, type DiagnosticsReport } from './run-diagnostics';
import { snapshotProbe } from './token-snapshot-probe';

type DiagnosticsHandlers = Pick<Handlers, 'diagnostics.run' | 'diagnostics.exportBundle'>;

export function diagnosticsHandlers(deps: {
  config: AppConfig;
  tokens: TokenService;
  /** The services' own way to the service, so 自检 checks the path the app really takes. */
  http: HttpFetch;
}): DiagnosticsHandlers {
  const { config } = deps;
  const run = (): Promise<DiagnosticsReport> =>
    runDiagnostics({
      ...diagnosticsInputs(
        config,
        snapshotProbe(() => deps.tokens.snapshot()),
      ),
      http: deps.http,
    });
  return {
    'diagnostics.run': run,
    'diagnostics.exportBundle': async () =>
      buildBundle({
        report: await run(),
        appVersion: config.version,
        dataDir: config.dataDir,
        settings: {
          mode: config.mode,
          serverOrigin: new URL(config.serverUrl).origin,
          scanRegistry: config.scanRegistry,
          moduleFiles: config.extraModules,
          skfModuleFiles: config.it?.skfModules ?? [],
          updateUrl: config.it?.updateUrl ?? null,
          pinnedVersion: config.it?.pinnedVersion ?? null,
          proxy: config.it?.proxy ?? 'system',
          lockedFields: config.it?.lockedFields ?? [],
        },
      }),
  };
}
