// The Electron-only parts IT relies on, without Electron: electron-updater configured for IT's
// folder and never restarting the app, IT's proxy for Chromium, and 导出PDF through printToPDF.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  exportPdf,
  pdfFileName,
  withShellMethods,
  type PdfWindow,
} from '../../electron/main/print';
import { applyProxy, sessionFetch } from '../../electron/main/proxy';
import { electronUpdater, type AutoUpdaterLike } from '../../electron/main/updater';
import type { ItSettings } from '../../electron/services/it-settings';

const it_: ItSettings = {
  updateUrl: 'https://intranet.example.com/shebao-desk',
  pinnedVersion: null,
  proxy: 'system',
  skfModules: [],
  lockedFields: ['updateUrl'],
  machineConfigPath: 'C:\\ProgramData\\Shebao Desk\\config.json',
};

function fakeAutoUpdater(version: string | null) {
  const calls: string[] = [];
  const updater: AutoUpdaterLike & { feed: unknown; quitAndInstall: () => void } = {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    allowPrerelease: true,
    feed: null,
    setFeedURL(options) {
      this.feed = options;
    },
    async checkForUpdates() {
      calls.push('check');
      return version ? { updateInfo: { version } } : null;
    },
    async downloadUpdate() {
      calls.push('download');
      return [];
    },
    quitAndInstall() {
      calls.push('quitAndInstall');
    },
  };
  return { updater, calls };
}

describe('electron-updater for IT’s folder', () => {
  it('uses the generic provider at IT’s URL, downloads only when asked, installs only on quit', async () => {
    const { updater, calls } = fakeAutoUpdater('0.2.0');
    const adapter = electronUpdater(() => updater, it_, true);
    expect(adapter).not.toBeNull();
    expect(updater.feed).toEqual({
      provider: 'generic',
      url: 'https://intranet.example.com/shebao-desk',
      channel: 'latest',
    });
    expect(updater).toMatchObject({
      autoDownload: false,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      allowPrerelease: false,
    });
    expect(await adapter!.check()).toEqual({ version: '0.2.0' });
    await adapter!.download();
    expect(calls).toEqual(['check', 'download']);
  });

  it('is off without an update URL, and in a build that is not installed', () => {
    const never = (): AutoUpdaterLike => {
      throw new Error('electron-updater must not be touched');
    };
    expect(electronUpdater(never, { ...it_, updateUrl: null }, true)).toBeNull();
    expect(electronUpdater(never, it_, false)).toBeNull();
    expect(electronUpdater(never, undefined, true)).toBeNull();
  });
});

describe('IT’s proxy', () => {
  it('sets Chromium’s proxy from the machine config', async () => {
    const setProxy = vi.fn(async () => undefined);
    await applyProxy({ setProxy }, 'system');
    await applyProxy({ setProxy }, 'direct');
    await applyProxy({ setProxy }, 'http://proxy.corp.example:8080');
    expect(setProxy.mock.calls).toEqual([
      [{ mode: 'system' }],
      [{ mode: 'direct' }],
      [{ mode: 'fixed_servers', proxyRules: 'http://proxy.corp.example:8080' }],
    ]);
  });

  it('hands the services the session’s fetch, so their requests take the same proxy', async () => {
    const answer = new Response('{}', { status: 200 });
    const fetch = vi.fn(async () => answer);
    const http = sessionFetch({ fetch });
    const init: RequestInit = { method: 'POST', body: '{"a":1}' };
    await expect(http(new URL('https://si.example.gov.cn/v1/sync/push'), init)).resolves.toBe(
      answer,
    );
    expect(fetch).toHaveBeenCalledWith('https://si.example.gov.cn/v1/sync/push', init);
  });
});

describe('导出PDF', () => {
  const pdfBytes = new TextEncoder().encode('%PDF-1.7 申报表');
  const window: PdfWindow = { webContents: { printToPDF: vi.fn(async () => pdfBytes) } };

  it('prints the window to an A4 PDF where the person chooses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shebao-pdf-'));
    const target = join(dir, '增员申报表.pdf');
    const showSaveDialog = vi.fn(async (_window: PdfWindow, _options: { defaultPath: string }) => ({
      canceled: false,
      filePath: target,
    }));
    const result = await exportPdf('增员申报表 2026-11', {
      window: () => window,
      dialog: { showSaveDialog },
    });
    expect(result).toEqual({ saved: true, path: target });
    expect(readFileSync(target)).toEqual(Buffer.from(pdfBytes));
    expect(window.webContents.printToPDF).toHaveBeenCalledWith({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
    expect(showSaveDialog.mock.calls[0]![1]).toMatchObject({
      defaultPath: '增员申报表 2026-11.pdf',
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves nothing when the person cancels, and names files Windows accepts', async () => {
    const write = vi.fn(async () => undefined);
    const result = await exportPdf('x', {
      window: () => window,
      dialog: { showSaveDialog: async () => ({ canceled: true }) },
      write,
    });
    expect(result).toEqual({ saved: false, path: null });
    expect(write).not.toHaveBeenCalled();
    expect(pdfFileName('回执: 2026/11*')).toBe('回执_ 2026_11_.pdf');
    expect(pdfFileName('a.PDF')).toBe('a.PDF');
  });

  it('the shell answers print.exportPdf itself and passes every other call to the services', async () => {
    const services = vi.fn(async () => ({ ok: true as const, value: 'from services' }));
    const call = withShellMethods(services, {
      window: () => window,
      dialog: { showSaveDialog: async () => ({ canceled: true }) },
    });
    const ctx = { transport: 'ipc' as const };
    expect(await call('print.exportPdf', { fileName: '申报表' }, ctx)).toEqual({
      ok: true,
      value: { saved: false, path: null },
    });
    expect(await call('print.exportPdf', { fileName: 42 }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await call('app.info', {}, ctx)).toEqual({ ok: true, value: 'from services' });
    expect(services).toHaveBeenCalledTimes(1);
    const failing = withShellMethods(services, {
      window: () => null,
      dialog: { showSaveDialog: async () => ({ canceled: true }) },
    });
    expect(await failing('print.exportPdf', { fileName: 'x' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'PRINT_PDF_FAILED' },
    });
  });
});
