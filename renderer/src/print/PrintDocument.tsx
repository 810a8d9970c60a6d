// The printed pages of a declaration (申报表 / 缴费明细) and, when given, its 回执 on top of the
// first page. Plain HTML and the print stylesheet; no Mantine, so it prints the same everywhere.
import type { ReceiptView } from '../../../electron/contract/views-it';
import { ui } from '../../../domain/ui-text';
import { paginate, type PrintColumn, type PrintSheet } from './layout';

const t = ui.it.print;

function Row({ columns, cells }: { columns: PrintColumn[]; cells: Record<string, string> }) {
  return (
    <tr>
      {columns.map((c) => (
        <td key={c.key} style={{ textAlign: c.align }}>
          {cells[c.key] ?? ''}
        </td>
      ))}
    </tr>
  );
}

function ReceiptBlock({ receipt, sheet }: { receipt: ReceiptView; sheet: PrintSheet }) {
  const r = t.receipt;
  const accepted = new Date(receipt.acceptedAt).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
  });
  return (
    <table className="print-receipt" data-print="receipt">
      <tbody>
        <tr>
          <th>{r.receiptNo}</th>
          <td data-receipt-no>{receipt.receiptNo}</td>
        </tr>
        <tr>
          <th>{r.acceptedAt}</th>
          <td>{accepted}</td>
        </tr>
        <tr>
          <th>{r.state}</th>
          <td>{r.states[receipt.state]}</td>
        </tr>
        <tr>
          <th>{t.declarationTitle}</th>
          <td>{sheet.declarationTitle}</td>
        </tr>
        <tr>
          <th>{r.people}</th>
          <td>{t.headcount(sheet.lines.length)}</td>
        </tr>
        <tr>
          <th>{r.signer}</th>
          <td>{receipt.signerName ?? r.unknownSigner}</td>
        </tr>
        <tr>
          <th>{r.signerCert}</th>
          <td>{receipt.signerCertSha256}</td>
        </tr>
        <tr>
          <th>{r.batchHash}</th>
          <td data-batch-hash>{receipt.batchHash}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function PrintDocument({
  sheet,
  receipt = null,
}: {
  sheet: PrintSheet;
  receipt?: ReceiptView | null;
}) {
  const pages = paginate(sheet);
  const widths = sheet.columns.reduce((sum, c) => sum + c.width, 0);
  return (
    <>
      {pages.map((page) => (
        <section key={page.number} className="print-page" data-print-page={page.number}>
          <h1>{receipt ? t.receiptTitle : sheet.title}</h1>
          <div className="print-meta">
            <span>
              {t.unitName}：{sheet.unitName}
            </span>
            <span>
              {t.unitNo}：{sheet.unitNo}
            </span>
            <span>
              {t.month}：{sheet.month}
            </span>
          </div>
          {receipt && page.number === 1 ? <ReceiptBlock receipt={receipt} sheet={sheet} /> : null}
          <table className="print-table">
            <colgroup>
              {sheet.columns.map((c) => (
                <col key={c.key} style={{ width: `${(100 * c.width) / widths}%` }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {sheet.columns.map((c) => (
                  <th key={c.key} style={{ textAlign: 'center' }}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.lines.map((cells) => (
                <Row key={cells.__serial} columns={sheet.columns} cells={cells} />
              ))}
              {page.last ? (
                <tr className="print-totals" data-print="totals">
                  {sheet.columns.map((c) => (
                    <td key={c.key} style={{ textAlign: c.align }}>
                      {sheet.totals[c.key] ?? ''}
                    </td>
                  ))}
                </tr>
              ) : null}
            </tbody>
          </table>
          {page.last ? (
            <div className="print-sign">
              <span>
                {t.operator}：{sheet.operator}
              </span>
              <span>{t.sealHint}</span>
              <span>
                {t.printedOn}：{sheet.printedOn}
              </span>
            </div>
          ) : null}
          {receipt && page.last ? <p>{t.receipt.note}</p> : null}
          <div className="print-footer">{t.page(page.number, pages.length)}</div>
        </section>
      ))}
    </>
  );
}
