// In-cell editors. They report the text being typed (`editText`); the grid writes it through the
// column (the domain's field table) when the edit is committed, so typing, pasting and fill-down
// read text the same way.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { RenderEditCellProps } from 'react-data-grid';
import { insuranceKinds, type KindFlags } from '../../../../domain/insurance/kinds';
import { insuranceKindLabels } from '../../../../domain/labels';
import { formatKindsText, parseKindsText } from '../../../../domain/declarations/values';
import { ui } from '../../../../domain/ui-text';
import type { ColumnSpec } from '../columns';
import type { ShownRow } from '../model';

const t = ui.workspace;
const d = ui.workspaceData;

export interface ViewRow extends ShownRow {
  /** Text typed into the open editor, written on commit. */
  editText?: string;
  /** The empty line at the end that becomes a new row when written to. */
  placeholder?: boolean;
}

type Props = RenderEditCellProps<ViewRow, unknown>;

function autoFocusAndSelect(input: HTMLInputElement | null) {
  input?.focus();
  input?.select();
}

export function textEditor(spec: ColumnSpec) {
  return function TextEditor({ row, onRowChange, onClose }: Props) {
    const value = row.editText ?? spec.format(row.data);
    return (
      <input
        className="rdg-text-editor ws-editor"
        ref={autoFocusAndSelect}
        aria-label={spec.label}
        inputMode={spec.type === 'money' ? 'decimal' : undefined}
        placeholder={
          spec.type === 'date' ? d.dateHint : spec.type === 'month' ? d.monthHint : undefined
        }
        value={value}
        onChange={(e) => onRowChange({ ...row, editText: e.target.value })}
        onBlur={() => onClose(true, false)}
      />
    );
  };
}

export function choiceEditor(spec: ColumnSpec) {
  return function ChoiceEditor({ row, onRowChange }: Props) {
    const current = spec.format(row.data);
    const known = spec.choices?.some((c) => c.label === current) ?? false;
    return (
      <select
        className="ws-editor ws-select"
        autoFocus
        aria-label={spec.label}
        value={row.editText ?? current}
        onChange={(e) => onRowChange({ ...row, editText: e.target.value }, true)}
      >
        <option value="" />
        {/* A kept (unread) value stays visible until the clerk picks a real one. */}
        {!known && current !== '' ? <option value={current}>{current}</option> : null}
        {spec.choices?.map((c) => (
          <option key={c.value} value={c.label}>
            {c.label}
          </option>
        ))}
      </select>
    );
  };
}

/**
 * 险种: a pop-up under the cell (outside the grid, so it is never clipped) with a text box that
 * takes what people type (五险, 全部, 养老、医疗) and a check box per kind. Enter keeps the choice,
 * Esc cancels, Tab moves between the boxes.
 */
export function kindsEditor(spec: ColumnSpec) {
  return function KindsEditor({ row, onRowChange, onClose }: Props) {
    const cell = useRef<HTMLSpanElement>(null);
    const [at, setAt] = useState<{ top: number; left: number } | null>(null);
    const text = row.editText ?? spec.format(row.data);
    const read = parseKindsText(text, spec.label);
    const flags: KindFlags | null = read.ok ? read.value : null;

    useLayoutEffect(() => {
      const box = cell.current?.parentElement?.getBoundingClientRect();
      if (box) setAt({ top: box.bottom + 2, left: box.left });
    }, []);

    const setFlags = (next: KindFlags) =>
      onRowChange({ ...row, editText: formatKindsText(next, t.allKinds) });
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Tab') e.stopPropagation(); // move inside the pop-up, not to the next cell
    };

    const popup = at ? (
      <div
        className="ws-kinds-editor"
        role="dialog"
        aria-label={spec.label}
        style={{ top: at.top, left: at.left }}
        onKeyDown={onKeyDown}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onClose(true, false);
        }}
      >
        <input
          className="ws-kinds-text"
          ref={autoFocusAndSelect}
          aria-label={spec.label}
          placeholder={t.kindsHint}
          value={text}
          onChange={(e) => onRowChange({ ...row, editText: e.target.value })}
        />
        <div className="ws-kinds-boxes">
          {insuranceKinds.map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={flags?.[k] ?? false}
                onChange={(e) =>
                  setFlags({ ...(flags ?? parseKindsValue('')), [k]: e.target.checked })
                }
              />
              {insuranceKindLabels[k]}
            </label>
          ))}
          <button
            type="button"
            onClick={() =>
              setFlags({
                pension: true,
                medical: true,
                unemployment: true,
                injury: true,
                maternity: true,
              })
            }
          >
            {t.allKinds}
          </button>
        </div>
        <div className="ws-kinds-keys">{d.kindsKeys}</div>
      </div>
    ) : null;
    return (
      <>
        <span ref={cell} className="ws-kinds-anchor">
          {text}
        </span>
        {popup ? createPortal(popup, document.body) : null}
      </>
    );
  };
}

function parseKindsValue(text: string): KindFlags {
  const r = parseKindsText(text, '');
  return r.ok
    ? r.value
    : { pension: false, medical: false, unemployment: false, injury: false, maternity: false };
}

export function editorFor(spec: ColumnSpec) {
  if (!spec.editable) return undefined;
  if (spec.type === 'choice') return choiceEditor(spec);
  if (spec.type === 'kinds') return kindsEditor(spec);
  return textEditor(spec);
}
