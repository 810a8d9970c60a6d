// Copy and paste in Excel's clipboard format over the selected range.
import type { ClipboardEvent } from 'react';
import type { ColumnSpec } from '../columns';
import type { ShownRow } from '../model';
import { copyRange, type Range } from './operations';
import { parseTsv, toTsv } from './tsv';

function isTextInput(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function useClipboard(opts: {
  view: readonly ShownRow[];
  specs: readonly ColumnSpec[];
  range: Range | null;
  editable: boolean;
  onPasteBlock(block: string[][], at: Range): void;
}) {
  const { view, specs, range, editable, onPasteBlock } = opts;

  function onCopy(event: ClipboardEvent) {
    if (isTextInput(event.target) || !range) return;
    event.preventDefault();
    event.stopPropagation();
    event.clipboardData.setData('text/plain', toTsv(copyRange(view, specs, range)));
  }

  function onPaste(event: ClipboardEvent) {
    if (isTextInput(event.target) || !editable || !range) return;
    event.preventDefault();
    event.stopPropagation();
    const block = parseTsv(event.clipboardData.getData('text/plain'));
    if (block.length > 0) onPasteBlock(block, range);
  }

  return { onCopy, onPaste };
}
