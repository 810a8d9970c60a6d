// The app's settings, from three places, strongest first: IT's Group Policy key
// (HKLM\Software\Policies\Shebao Desk), IT's machine-wide file (%ProgramData%\Shebao Desk\
// config.json), and the user's `<userData>/config.json`. A field set by IT wins and a user cannot
// change it. A missing or broken source never stops the app: each bad field falls back with a
// warning that names the field and its source, never its value (a config file is no place for
// secrets, but people put them there anyway).
import { readFileSync } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { AppConfig } from '../services/app-services-types';
import type { ItSettings } from '../services/it-settings';
import { parseRegQuery, POLICY_KEY, queryPolicyKey, type RegistryValue } from './registry-policy';

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

const version = z
  .string()
  .max(64)
  .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'a version such as 1.4.2');

/** Each field on its own, so one bad field does not discard the others. */
const fieldSchemas = {
  serverUrl: httpUrl,
  extraModules: z.array(absolutePath).max(50),
  extraSkfModules: z.array(absolutePath).max(50),
  demoSoftCert: absolutePath.nullable(),
  scanRegistry: z.boolean(),
  skfModules: z.array(absolutePath).max(50),
  updateUrl: httpUrl.nullable(),
  pinnedVersion: version.nullable(),
  proxy: z.union([z.enum(['system', 'direct']), httpUrl]),
} as const;
type FieldName = keyof typeof fieldSchemas;
type FileSettings = { [K in FieldName]?: z.output<(typeof fieldSchemas)[K]> };

/** Driver paths name code that runs in the app: in an installed build only IT may set them. */
const MACHINE_ONLY_WHEN_INSTALLED: readonly FieldName[] = ['extraModules', 'skfModules'];

/** IT's machine-wide sources, as read from disk and the registry. */
export interface MachineSources {
  /** The ProgramData file's text, or null when there is none. */
  fileText: string | null;
  filePath: string;
  /** `reg query` output for the Policies key, or null when the key does not exist. */
  registryText: string | null;
}

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
  /** IT's machine-wide configuration; absent means none. */
  machine?: MachineSources;
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

/** Pure: turns the sources and the environment into a config, warning about what it drops. */
export function parseConfig(inputs: ConfigInputs): AppConfig {
  const machine = readMachineSettings(inputs);
  const user = readSettings(inputs.fileText, inputs.filePath, inputs.log);
  if (inputs.isPackaged) {
    for (const name of MACHINE_ONLY_WHEN_INSTALLED) {
      if (user[name] === undefined) continue;
      inputs.log.warn(
        `${inputs.filePath}: "${name}" can only be set by IT in the machine-wide configuration; ignored.`,
      );
      delete user[name];
    }
  }
  for (const name of Object.keys(machine) as FieldName[]) {
    if (user[name] === undefined) continue;
    inputs.log.warn(
      `${inputs.filePath}: "${name}" is set by IT in the machine-wide configuration; the user's value is ignored.`,
    );
    delete user[name];
  }
  const file: FileSettings = { ...user, ...machine };
  const sourceOf = (name: FieldName): string =>
    machine[name] !== undefined ? machineSourceName(inputs) : inputs.filePath;
  if (inputs.isPackaged) {
    for (const name of ['serverUrl', 'updateUrl'] as const) {
      const url = file[name];
      if (url === undefined || url === null || safeForInstalledBuild(url)) continue;
      inputs.log.warn(`${name} in ${sourceOf(name)} must be https; ignored.`);
      delete file[name];
    }
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
    it: itSettings(file, machine, inputs),
  };
}

function itSettings(file: FileSettings, machine: FileSettings, inputs: ConfigInputs): ItSettings {
  return {
    updateUrl: file.updateUrl ?? null,
    pinnedVersion: file.pinnedVersion ?? null,
    proxy: file.proxy ?? 'system',
    skfModules: file.skfModules ?? [],
    lockedFields: Object.keys(machine).sort(),
    machineConfigPath: inputs.machine?.filePath ?? '',
  };
}

function machineSourceName(inputs: ConfigInputs): string {
  return inputs.machine ? `${inputs.machine.filePath} / ${POLICY_KEY}` : POLICY_KEY;
}

/** The ProgramData file, then the Policies key over it (Group Policy is the stronger of the two). */
function readMachineSettings(inputs: ConfigInputs): FileSettings {
  const machine = inputs.machine;
  if (!machine) return {};
  const file = readSettings(machine.fileText, machine.filePath, inputs.log);
  const policy =
    machine.registryText === null
      ? {}
      : checkFields(registryRecord(parseRegQuery(machine.registryText)), POLICY_KEY, inputs.log);
  return { ...file, ...policy };
}

/** Registry values in the JSON shapes the schemas expect: a DWORD 0/1 is a boolean. */
function registryRecord(values: Record<string, RegistryValue>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (name === 'scanRegistry' && typeof value === 'number') record[name] = value !== 0;
    else if ((name === 'extraModules' || name === 'skfModules') && typeof value === 'string') {
      record[name] = value === '' ? [] : value.split(';').map((part) => part.trim());
    } else if (value === '' && ['updateUrl', 'pinnedVersion', 'demoSoftCert'].includes(name)) {
      record[name] = null;
    } else record[name] = value;
  }
  return record;
}

function readSettings(text: string | null, source: string, log: ConfigLogger): FileSettings {
  if (text === null) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(stripBom(text));
  } catch {
    // JSON.parse's message quotes the file's text; name only the file.
    log.warn(`${source} is not valid JSON; using default settings.`);
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    log.warn(`${source} must hold a JSON object; using default settings.`);
    return {};
  }
  return checkFields(raw as Record<string, unknown>, source, log);
}

function checkFields(
  record: Record<string, unknown>,
  source: string,
  log: ConfigLogger,
): FileSettings {
  const settings: FileSettings = {};
  for (const name of Object.keys(fieldSchemas) as FieldName[]) {
    if (!Object.prototype.hasOwnProperty.call(record, name)) continue;
    const parsed = fieldSchemas[name].safeParse(record[name]);
    if (parsed.success) {
      (settings as Record<FieldName, unknown>)[name] = parsed.data;
    } else {
      log.warn(`${source}: "${name}" is not valid; using its default.`);
    }
  }
  return settings;
}

// Notepad on older Windows saves UTF-8 with a BOM, which JSON.parse refuses.
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The folder of IT's machine-wide file: `%ProgramData%\Shebao Desk` on Windows (writable only by
 * administrators), `/etc/shebao-desk` elsewhere. Never taken from the environment in an
 * installed build, where a user could point it at a file of their own.
 */
export function machineConfigDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
): string {
  if (!isPackaged && env.SHEBAO_MACHINE_CONFIG_DIR) return env.SHEBAO_MACHINE_CONFIG_DIR;
  if (platform === 'win32') {
    // %ProgramData% is set by Windows itself for every process; the fallback is its default.
    const programData = isPackaged ? 'C:\\ProgramData' : (env.ProgramData ?? 'C:\\ProgramData');
    return win32.join(programData, 'Shebao Desk');
  }
  return '/etc/shebao-desk';
}

/** Reads IT's ProgramData file and Policies key as they are on this PC. */
export function readMachineSources(dir: string, log: ConfigLogger): MachineSources {
  const filePath = join(dir, CONFIG_FILE_NAME);
  return { fileText: readText(filePath, log), filePath, registryText: queryPolicyKey() };
}

function readText(filePath: string, log: ConfigLogger): string | null {
  try {
    return readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      log.warn(`${filePath} cannot be read (${code ?? 'unknown error'}); using defaults.`);
    }
    return null;
  }
}

/** Reads `<userDataDir>/config.json`; a file that cannot be read counts as absent, with a warning. */
export function loadConfig(
  userDataDir: string,
  options: Omit<ConfigInputs, 'fileText' | 'filePath' | 'dataDir'>,
): AppConfig {
  const filePath = join(userDataDir, CONFIG_FILE_NAME);
  const fileText = readText(filePath, options.log);
  return parseConfig({ ...options, fileText, filePath, dataDir: userDataDir });
}
