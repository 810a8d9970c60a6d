// What IT decides for every PC through the machine-wide configuration (ProgramData file or the
// Policies registry key), beside the fields every config has. Read by updates and diagnostics.

export type ProxySetting = 'system' | 'direct' | string;

export interface ItSettings {
  /** Where electron-updater's generic provider looks for latest.yml; null: no updates. */
  updateUrl: string | null;
  /** IT holds every PC at this version: newer releases are not offered. */
  pinnedVersion: string | null;
  /** 'system' (Windows' own settings), 'direct', or an http(s) proxy URL. */
  proxy: ProxySetting;
  /** SKF (GM/T 0016) driver DLLs. */
  skfModules: string[];
  /** Fields whose value came from the machine-wide configuration (a user cannot change them). */
  lockedFields: string[];
  /** Where the machine-wide file is read from (shown by diagnostics). */
  machineConfigPath: string;
}
