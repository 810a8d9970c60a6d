// 自检 from the command line, for IT and the help desk:
//   npm run doctor -- [--json] [--config <file>] [--data <dir>]
// --config names a file in the machine-wide config's shape (serverUrl, extraModules, skfModules,
// scanRegistry, proxy), read as IT's config; without it this PC's own configuration is used.
// --json prints { "findings": [ { code, severity, message, action } ] }. Exit code 1 when any
// finding is an error, 0 otherwise, 2 on bad arguments.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';
import { parseArgs } from 'node:util';
import {
  loadConfig,
  machineConfigDir,
  readMachineSources,
  type MachineSources,
} from '../electron/main/config';
import { queryPolicyKey } from '../electron/main/registry-policy';
import { pkcs11Probe } from '../electron/services/diagnostics/pkcs11-probe';
import { diagnosticsInputs } from '../electron/services/diagnostics/diagnostics-inputs';
import { runDiagnostics } from '../electron/services/diagnostics/run-diagnostics';
import type { Severity } from '../electron/services/diagnostics/finding';

const USAGE = 'Usage: npm run doctor -- [--json] [--config <file>] [--data <dir>]';

function userDataDir(): string {
  if (process.platform === 'win32') {
    return win32.join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Shebao Desk');
  }
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Shebao Desk');
}

function machineSources(configFile: string | undefined, warn: (m: string) => void): MachineSources {
  if (!configFile)
    return readMachineSources(machineConfigDir(process.platform, process.env, false), { warn });
  let fileText: string;
  try {
    fileText = readFileSync(configFile, 'utf8');
  } catch {
    console.error(`Cannot read ${configFile}.`);
    process.exit(2);
  }
  return { fileText, filePath: configFile, registryText: queryPolicyKey() };
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        config: { type: 'string' },
        data: { type: 'string' },
      },
    }));
  } catch {
    console.error(USAGE);
    return 2;
  }
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const dataDir = values.data ?? userDataDir();
  const config = loadConfig(dataDir, {
    env: process.env,
    version: process.env.npm_package_version ?? '0.0.0',
    isPackaged: false,
    log: { warn },
    machine: machineSources(values.config, warn),
  });
  const report = await runDiagnostics(diagnosticsInputs({ ...config, dataDir }, pkcs11Probe));
  if (values.json) {
    const findings = report.findings.map(({ code, severity, message, action }) => ({
      code,
      severity,
      message,
      action,
    }));
    console.log(JSON.stringify({ findings }, null, 2));
  } else {
    const mark: Record<Severity, string> = { ok: '[正常]', warning: '[注意]', error: '[错误]' };
    for (const w of warnings) console.log(`[配置] ${w}`);
    for (const f of report.findings) {
      console.log(`${mark[f.severity]} ${f.message}`);
      if (f.severity !== 'ok') console.log(`       ${f.action}`);
    }
  }
  return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

// Token workers keep the event loop alive; the report is complete once main() settles.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
