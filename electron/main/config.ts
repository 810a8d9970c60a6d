// The app's settings: `<userData>/config.json`, written by the user or pushed by IT. A missing or
// broken file never stops the app: each bad field falls back to its default with a warning that
// names the field, never its value (a config file is no place for secrets, but people put them
// there anyway).
import { readFileSync } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { AppConfig } from '../services/app-services-types';

export const CONFIG_FILE_NAME = 'config.json';

/** Where the app points when neither the config file nor SHEBAO_SERVER_URL says otherwise. */
export const PLACEHOLDER_SERVER_URL = 'https://shebao-server.invalid';

export interface ConfigLogger {
  warn(message: string): void;
}

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  // One spelling for the origin: no trailing slash, so paths join predictably.
  .transform((url) => url.replace(/\/+$/, ''));

// Module and certificate paths come from IT and may be written on Linux for Windows PCs (or the
// reverse), so either platform's notion of an absolute path is accepted.
const absolutePath = z
  .string()
  .min(1)
  .max(1000)
  .refine((p) => !p.includes('\0'), 'NUL in path')
  .refine((p) => posix.isAbsolute(p) || win32.isAbsolute(p), 'path must be absolute');

/** Each field on its own, so one bad field does not discard the others. */
const fieldSchemas = {
  serverUrl: httpUrl,
  extraModules: z.array(absolutePath).max(50),
  extraSkfModules: z.array(absolutePath).max(50),
  demoSoftCert: absolutePath.nullable(),
  scanRegistry: z.boolean(),
} as const;
type FieldName = keyof typeof fieldSchemas;
type FileSettings = { [K in FieldName]?: z.output<(typeof fieldSchemas)[K]> };

export interface ConfigInputs {
  /** The file's text, or null when there is no file. */
  fileText: string | null;
  /** For naming the file in warnings. */
  filePath: string;
  env: Readonly<Record<string, string | undefined>>;
  dataDir: string;
  version: string;
  isPackaged: boolean;
  log: ConfigLogger;
  /** Overrides where region tables and templates are read from (tests). */
  resourcesDir?: string;
}

/**
 * The resources folder: beside the app in a packaged build (electron-builder's extraResources),
 * the repository's resources/ otherwise (this file and the bundled out/main/ are both two levels
 * below the repository root).
 */
export function defaultResourcesDir(isPackaged: boolean): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (isPackaged && packaged) return packaged;
  return fileURLToPath(new URL('../../resources', import.meta.url));
}

/** Plain http only to this PC: anything else carries sessions and ID numbers over the network. */
function safeForInstalledBuild(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}

/** Pure: turns the file's text and the environment into a config, warning about what it drops. */
export function parseConfig(inputs: ConfigInputs): AppConfig {
  const file = readSettings(inputs);
  if (inputs.isPackaged && file.serverUrl !== undefined && !safeForInstalledBuild(file.serverUrl)) {
    inputs.log.warn(`serverUrl in ${inputs.filePath} must be https; ignored.`);
    delete file.serverUrl;
  }
  // A build that IT installed takes its settings from the config file only: an environment
  // variable must not redirect it to another server or slip in the demo certificate.
  const env = inputs.isPackaged ? {} : inputs.env;
  const envServer = httpUrl.safeParse(env.SHEBAO_SERVER_URL);
  const envDemoCert = absolutePath.safeParse(env.SHEBAO_DEMO_P12);
  if (env.SHEBAO_SERVER_URL !== undefined && !envServer.success) {
    inputs.log.warn('SHEBAO_SERVER_URL is not an http(s) URL; ignored.');
  }
  if (env.SHEBAO_DEMO_P12 !== undefined && !envDemoCert.success) {
    inputs.log.warn('SHEBAO_DEMO_P12 is not an absolute path; ignored.');
  }

  const demoPath =
    file.demoSoftCert !== undefined
      ? file.demoSoftCert
      : envDemoCert.success
        ? envDemoCert.data
        : null;

  return {
    serverUrl: file.serverUrl ?? (envServer.success ? envServer.data : PLACEHOLDER_SERVER_URL),
    dataDir: inputs.dataDir,
    resourcesDir: inputs.resourcesDir ?? defaultResourcesDir(inputs.isPackaged),
    extraModules: file.extraModules ?? [],
    extraSkfModules: file.extraSkfModules ?? [],
    // IT can switch the vendor scan off to allow only the modules it lists.
    scanRegistry: file.scanRegistry ?? true,
    demoSoftCert: demoPath === null ? null : { path: demoPath },
    mode: 'electron',
    // Test hooks never switch on in a build that IT installs.
    testMode: !inputs.isPackaged && inputs.env.SHEBAO_TEST_MODE === '1',
    version: inputs.version,
  };
}

function readSettings(inputs: ConfigInputs): FileSettings {
  if (inputs.fileText === null) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(stripBom(inputs.fileText));
  } catch {
    // JSON.parse's message quotes the file's text; name only the file.
    inputs.log.warn(`${inputs.filePath} is not valid JSON; using default settings.`);
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    inputs.log.warn(`${inputs.filePath} must hold a JSON object; using default settings.`);
    return {};
  }
  const record = raw as Record<string, unknown>;
  const settings: FileSettings = {};
  for (const name of Object.keys(fieldSchemas) as FieldName[]) {
    if (!Object.prototype.hasOwnProperty.call(record, name)) continue;
    const parsed = fieldSchemas[name].safeParse(record[name]);
    if (parsed.success) {
      (settings as Record<FieldName, unknown>)[name] = parsed.data;
    } else {
      inputs.log.warn(`${inputs.filePath}: "${name}" is not valid; using its default.`);
    }
  }
  return settings;
}

// Notepad on older Windows saves UTF-8 with a BOM, which JSON.parse refuses.
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads `<userDataDir>/config.json`; a file that cannot be read counts as absent, with a warning. */
export function loadConfig(
  userDataDir: string,
  options: Omit<ConfigInputs, 'fileText' | 'filePath' | 'dataDir'>,
): AppConfig {
  const filePath = join(userDataDir, CONFIG_FILE_NAME);
  let fileText: string | null = null;
  try {
    fileText = readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      options.log.warn(`${filePath} cannot be read (${code ?? 'unknown error'}); using defaults.`);
    }
  }
  return parseConfig({ ...options, fileText, filePath, dataDir: userDataDir });
}
