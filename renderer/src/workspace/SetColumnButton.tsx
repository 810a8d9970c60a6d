// 设置选中行的本列: one value written into the selected rows of the column the selection starts
// in, as one undo step (the same writing as typing, so what cannot be read is kept as an error).
import { useState, type RefObject } from 'react';
import { Button, Group, NativeSelect, Popover, Stack, Text, TextInput } from '@mantine/core';
import { ui } from '../../../domain/ui-text';
import type { ColumnSpec } from './columns';
import type { GridHandle } from './grid/DeclarationGrid';
import type { ShownRow } from './model';

const d = ui.workspaceData;

export function SetColumnButton({
  grid,
  onApply,
}: {
  grid: RefObject<GridHandle | null>;
  onApply(rows: readonly ShownRow[], column: ColumnSpec, text: string): void;
}) {
  const [target, setTarget] = useState<{ rows: ShownRow[]; column: ColumnSpec } | null>(null);
  const [text, setText] = useState('');
  const open = () => {
    const s = grid.current?.selection();
    if (s && s.column && s.column.editable && s.rows.length > 0) {
      setTarget({ rows: s.rows, column: s.column });
      setText('');
    }
  };
  return (
    <Popover opened={target !== null} onChange={(o) => !o && setTarget(null)} withArrow>
      <Popover.Target>
        <Button variant="default" size="xs" onClick={open}>
          {d.setColumn}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        {target ? (
          <Stack gap={6}>
            <Text size="xs">{d.setColumnTitle(target.column.label, target.rows.length)}</Text>
            <Group gap={4} wrap="nowrap">
              {target.column.choices ? (
                <NativeSelect
                  size="xs"
                  aria-label={d.setColumnTitle(target.column.label, target.rows.length)}
                  value={text}
                  onChange={(e) => setText(e.currentTarget.value)}
                  data={[
                    { value: '', label: '' },
                    ...target.column.choices.map((c) => ({ value: c.label, label: c.label })),
                  ]}
                />
              ) : (
                <TextInput
                  size="xs"
                  aria-label={d.setColumnTitle(target.column.label, target.rows.length)}
                  value={text}
                  onChange={(e) => setText(e.currentTarget.value)}
                />
              )}
              <Button
                size="xs"
                onClick={() => {
                  onApply(target.rows, target.column, text);
                  setTarget(null);
                }}
              >
                {d.apply}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Popover.Dropdown>
    </Popover>
  );
}
