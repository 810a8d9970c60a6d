// electron-updater in the packaged app, as the services' Updater: the generic provider pointed at
// IT's folder, nothing downloaded without the update policy's yes, and the installer run only
// when the app quits — never quitAndInstall, so nobody loses a declaration being typed.
// electron-updater checks the download's sha512 against latest.yml itself before it is kept.
import type { ItSettings } from '../services/it-settings';
import type { Updater } from '../services/updates/update-service';

/** The part of electron-updater's AppUpdater used here (its autoUpdater in the app). */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<{ updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
}

/** Null when IT gave no update folder, or when not installed (a dev build never updates). */
export function electronUpdater(
  getAutoUpdater: () => AutoUpdaterLike,
  it: ItSettings | undefined,
  isPackaged: boolean,
): Updater | null {
  if (!isPackaged || !it?.updateUrl) return null;
  // electron-updater makes its platform's updater on first access: only when there is one to use.
  const autoUpdater = getAutoUpdater();
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  autoUpdater.setFeedURL({ provider: 'generic', url: it.updateUrl, channel: 'latest' });
  return {
    async check() {
      const result = await autoUpdater.checkForUpdates();
      return result ? { version: result.updateInfo.version } : null;
    },
    download: () => autoUpdater.downloadUpdate(),
  };
}
