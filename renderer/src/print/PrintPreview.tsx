// The pages as they will print, over the whole window, with 打印 and 导出PDF. Printing uses the
// page's print stylesheet: the browser's (or Electron's) print dialog on paper, and in Electron
// 导出PDF saves the same pages through printToPDF.
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { Button } from '@mantine/core';
import type { ReceiptView } from '../../../electron/contract/views-it';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { ApiError, call } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import type { PrintSheet } from './layout';
import { PrintDocument } from './PrintDocument';
import './print.css';

const t = ui.it.print;

export function PrintPreview({
  sheet,
  receipt,
  fileName,
  onClose,
}: {
  sheet: PrintSheet;
  receipt: ReceiptView | null;
  fileName: string;
  onClose: () => void;
}) {
  const [mode, setMode] = useState<'electron' | 'browser' | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    void call('app.info', {}).then((info) => setMode(info.mode));
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const exportPdf = async () => {
    // In a browser the print dialog's "另存为PDF" is the way; Electron saves it directly.
    if (mode !== 'electron') return window.print();
    try {
      await call('print.exportPdf', { fileName });
    } catch (e) {
      if (e instanceof ApiError) setError(e.info);
      else throw e;
    }
  };

  return createPortal(
    <div className="print-root" data-testid="print-preview" role="dialog" aria-label={sheet.title}>
      <div className="print-toolbar">
        <Button onClick={() => window.print()}>{t.print}</Button>
        <Button variant="default" onClick={() => void exportPdf()}>
          {t.exportPdf}
        </Button>
        <Button variant="subtle" onClick={onClose}>
          {t.close}
        </Button>
      </div>
      {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
      <PrintDocument sheet={sheet} receipt={receipt} />
    </div>,
    document.body,
  );
}
