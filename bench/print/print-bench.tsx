// Bench page: lays out a declaration of ?people= persons with the app's own print components and
// stylesheet, marking when the layout started and when its pages were in the document.
import { createRoot } from 'react-dom/client';
import { buildSheet, today } from '../../renderer/src/print/layout';
import { PrintDocument } from '../../renderer/src/print/PrintDocument';
import '../../renderer/src/print/print.css';
import { additionRows } from './sample-rows';

const people = Number(new URLSearchParams(location.search).get('people') ?? '1000');
const rows = additionRows(people);
const host = document.createElement('div');
host.className = 'print-root';
document.body.appendChild(host);

performance.mark('print-layout-start');
const sheet = buildSheet({
  kind: 'addition',
  month: '2026-11',
  declarationTitle: '2026-11 增员',
  unitName: '南京云帆科技有限公司',
  unitNo: '32010000001',
  operator: '张伟',
  printedOn: today(),
  rows,
});

function Done() {
  return <PrintDocument sheet={sheet} />;
}

createRoot(host).render(<Done />);
const wait = () => {
  if (host.querySelectorAll('.print-page').length > 0) {
    performance.mark('print-layout-end');
    document.body.dataset.printReady = 'true';
  } else requestAnimationFrame(wait);
};
requestAnimationFrame(wait);
