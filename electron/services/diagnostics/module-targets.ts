// The drivers 自检 looks at: every module the app would try (known vendors installed on this PC,
// unless IT switched the scan off, and the configured PKCS#11 paths), plus IT's SKF drivers.
import { discoverModules } from '../tokens/module-discovery';
import type { ModuleTarget } from './check-modules';

export function moduleTargets(options: {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  extraModules: readonly string[];
  scanRegistry: boolean;
  skfModules: readonly string[];
}): ModuleTarget[] {
  const pkcs11 = discoverModules({
    platform: options.platform,
    extraPaths: options.extraModules,
    env: options.env,
    ...(options.scanRegistry ? {} : { registry: [] }),
  });
  return [
    ...pkcs11.map((m) => ({ path: m.path, kind: 'pkcs11' as const })),
    ...options.skfModules.map((path) => ({ path, kind: 'skf' as const })),
  ];
}
