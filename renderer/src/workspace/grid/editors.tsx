// In-cell editors. They report the text being typed (`editText`); the grid parses it with the
// column's codec when the edit is committed, so typing, pasting and fill-down share one parser.
import { useState, type KeyboardEvent } from 'react';
import type { RenderEditCellProps } from 'react-data-grid';
import { insuranceKinds, type KindFlags } from '../../../../domain/insurance/kinds';
import { insuranceKindLabels } from '../../../../domain/labels';
import { ui } from '../../../../domain/ui-text';
import { formatKinds, parseKinds, type Cells, type ColumnSpec } from '../columns';
import type { GridRow } from '../model';

export interface ViewRow extends GridRow {
  /** Text typed into the open editor, parsed on commit. */
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
    const value = row.editText ?? spec.format(row.data as unknown as Cells);
    return (
      <input
        className="rdg-text-editor ws-editor"
        ref={autoFocusAndSelect}
        aria-label={spec.label}
        inputMode={spec.type === 'money' ? 'decimal' : undefined}
        placeholder={
          spec.type === 'date' ? 'YYYY-MM-DD' : spec.type === 'month' ? 'YYYY-MM' : undefined
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
    const current = spec.format(row.data as unknown as Cells);
    return (
      <select
        className="ws-editor ws-select"
        autoFocus
        aria-label={spec.label}
        value={row.editText ?? current}
        onChange={(e) => onRowChange({ ...row, editText: e.target.value }, true)}
      >
        <option value="" />
        {spec.choices?.map((c) => (
          <option key={c.value} value={c.label}>
            {c.label}
          </option>
        ))}
      </select>
    );
  };
}

export function kindsEditor(spec: ColumnSpec) {
  return function KindsEditor({ row, onRowChange, onClose }: Props) {
    const initial =
      parseKinds(row.editText ?? spec.format(row.data as unknown as Cells)) ??
      (parseKinds('') as KindFlags);
    const [flags, setFlags] = useState<KindFlags>(initial);
    const update = (next: KindFlags) => {
      setFlags(next);
      onRowChange({ ...row, editText: formatKinds(next) });
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Enter') onClose(true);
      if (e.key === 'Escape') onClose(false);
    };
    return (
      <div
        className="ws-kinds-editor"
        role="group"
        aria-label={spec.label}
        onKeyDown={onKeyDown}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onClose(true, false);
        }}
      >
        {insuranceKinds.map((k, i) => (
          <label key={k}>
            <input
              type="checkbox"
              autoFocus={i === 0}
              checked={flags[k]}
              onChange={(e) => update({ ...flags, [k]: e.target.checked })}
            />
            {insuranceKindLabels[k]}
          </label>
        ))}
        <button
          type="button"
          onClick={() =>
            update({
              pension: true,
              medical: true,
              unemployment: true,
              injury: true,
              maternity: true,
            })
          }
        >
          {ui.workspace.allKinds}
        </button>
      </div>
    );
  };
}

export function editorFor(spec: ColumnSpec) {
  if (!spec.editable) return undefined;
  if (spec.type === 'choice') return choiceEditor(spec);
  if (spec.type === 'kinds') return kindsEditor(spec);
  return textEditor(spec);
}
