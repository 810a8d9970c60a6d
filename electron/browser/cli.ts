// Starts browser mode: `tsx electron/browser/cli.ts --server <url> --data <dir> [--port <p>]
// [--module <path>]... [--skf-module <path>]... [--no-registry] [--p12 <file>]`. Prints one line
// `SHEBAO_BROWSER_READY <url>` that scripts and tests wait for.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../services/app-services';
import { startBrowserHost } from './browser-host';

const { values } = parseArgs({
  options: {
    server: { type: 'string' },
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
    module: { type: 'string', multiple: true, default: [] },
    'skf-module': { type: 'string', multiple: true, default: [] },
    'no-registry': { type: 'boolean', default: false },
    p12: { type: 'string' },
    renderer: { type: 'string' },
    resources: { type: 'string' },
    'test-mode': { type: 'boolean', default: false },
  },
});

if (!values.server || !values.data) {
  console.error('Usage: tsx electron/browser/cli.ts --server <url> --data <dir> [--port <p>]');
  process.exit(2);
}

const services = await createAppServices({
  serverUrl: values.server,
  dataDir: values.data,
  resourcesDir: values.resources ?? fileURLToPath(new URL('../../resources', import.meta.url)),
  extraModules: values.module,
  extraSkfModules: values['skf-module'],
  scanRegistry: !values['no-registry'],
  demoSoftCert: values.p12 ? { path: values.p12 } : null,
  mode: 'browser',
  testMode: values['test-mode'],
  version: process.env.npm_package_version ?? '0.0.0',
});
const host = await startBrowserHost({
  services,
  rendererDir: values.renderer ?? fileURLToPath(new URL('../../out/renderer', import.meta.url)),
  port: Number(values.port),
});
console.log(`SHEBAO_BROWSER_READY ${host.url}`);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await host.close();
  await services.dispose();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
