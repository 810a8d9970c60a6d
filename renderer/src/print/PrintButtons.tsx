// 打印 for a declaration, and 打印回执 once the service has taken it: both open the print preview.
import { useState } from 'react';
import { Button, Group } from '@mantine/core';
import type { RecordDetail } from '../../../electron/contract/views-sync';
import type { ReceiptView } from '../../../electron/contract/views-it';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { ApiError, call } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { buildSheet, today, type PrintSheet } from './layout';
import { PrintPreview } from './PrintPreview';

const t = ui.it.print;
const UPLOADED = new Set(['uploaded', 'reviewing', 'approved', 'returned']);

export function PrintButtons({ detail }: { detail: RecordDetail }) {
  const [preview, setPreview] = useState<{
    sheet: PrintSheet;
    receipt: ReceiptView | null;
    fileName: string;
  } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async (withReceipt: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const session = await call('auth.session', {});
      const unit = session?.currentUnit;
      if (!session || !unit) return;
      const { record, rows } = detail;
      const receipt = withReceipt ? await call('print.receipt', { id: record.id }) : null;
      const sheet = buildSheet({
        kind: record.kind,
        month: record.month,
        declarationTitle: record.title,
        unitName: unit.name,
        unitNo: unit.unitNo,
        operator: session.person.name,
        printedOn: today(),
        rows,
      });
      const name = `${withReceipt ? t.receiptTitle : sheet.title}-${unit.name}-${record.month}`;
      setPreview({ sheet, receipt, fileName: name });
    } catch (e) {
      if (e instanceof ApiError) setError(e.info);
      else throw e;
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Group gap="xs">
        <Button size="xs" variant="default" loading={busy} onClick={() => void open(false)}>
          {t.print}
        </Button>
        {UPLOADED.has(detail.record.state) ? (
          <Button size="xs" variant="default" loading={busy} onClick={() => void open(true)}>
            {t.printReceipt}
          </Button>
        ) : null}
      </Group>
      {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
      {preview ? (
        <PrintPreview
          sheet={preview.sheet}
          receipt={preview.receipt}
          fileName={preview.fileName}
          onClose={() => setPreview(null)}
        />
      ) : null}
    </>
  );
}
