// 导出PDF in Electron: the window's print layout (the page's print CSS, A4) through printToPDF,
// saved where the person chooses. It needs the window, so the shell answers this one method
// before calls reach the services; printing on paper is the page's own window.print().
import { writeFile } from 'node:fs/promises';
import { api } from '../contract/api';
import type { CallResult } from '../contract/api';
import { AppError, describeError, toErrorInfo } from '../../domain/errors';
import type { AppServices } from '../services/app-services-types';

export interface PdfWindow {
  webContents: {
    printToPDF(options: {
      pageSize: 'A4';
      printBackground: boolean;
      preferCSSPageSize: boolean;
    }): Promise<Uint8Array>;
  };
}

export interface SaveDialog<W extends PdfWindow> {
  showSaveDialog(
    window: W,
    options: {
      title: string;
      defaultPath: string;
      filters: { name: string; extensions: string[] }[];
    },
  ): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface PrintDeps<W extends PdfWindow> {
  window: () => W | null;
  dialog: SaveDialog<W>;
  write?: (path: string, bytes: Uint8Array) => Promise<void>;
}

/** A file name without folders or characters Windows refuses, ending in .pdf. */
export function pdfFileName(name: string): string {
  const safe =
    [...name]
      .map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c))
      .join('')
      .trim() || '申报表';
  return safe.toLowerCase().endsWith('.pdf') ? safe : `${safe}.pdf`;
}

export async function exportPdf<W extends PdfWindow>(
  fileName: string,
  deps: PrintDeps<W>,
): Promise<{ saved: boolean; path: string | null }> {
  const window = deps.window();
  if (!window) throw new AppError('PRINT_PDF_FAILED');
  const choice = await deps.dialog.showSaveDialog(window, {
    title: '导出PDF',
    defaultPath: pdfFileName(fileName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return { saved: false, path: null };
  try {
    const pdf = await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
    await (deps.write ?? writeFile)(choice.filePath, pdf);
  } catch (error) {
    throw new AppError('PRINT_PDF_FAILED', undefined, { cause: error });
  }
  return { saved: true, path: choice.filePath };
}

/** The services' call, with the shell's own methods answered here first. */
export function withShellMethods<W extends PdfWindow>(
  call: AppServices['call'],
  deps: PrintDeps<W>,
): AppServices['call'] {
  return async (method, payload, ctx): Promise<CallResult> => {
    if (method !== 'print.exportPdf') return call(method, payload, ctx);
    const input = api['print.exportPdf'].input.safeParse(payload);
    if (!input.success) return { ok: false, error: describeError('BAD_REQUEST') };
    try {
      return { ok: true, value: await exportPdf(input.data.fileName, deps) };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  };
}
