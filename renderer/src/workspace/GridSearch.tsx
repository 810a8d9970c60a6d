import { useState, type RefObject } from 'react';
import { Text, TextInput } from '@mantine/core';
import { ui } from '../../../domain/ui-text';
import type { GridHandle } from './grid/DeclarationGrid';

const t = ui.workspace;

/** 按姓名或证件号码查找: Enter jumps to the next match in the grid and says where it is. */
export function GridSearch({ grid }: { grid: RefObject<GridHandle | null> }) {
  const [search, setSearch] = useState('');
  const [result, setResult] = useState<string | null>(null);

  function find() {
    const r = grid.current?.findNext(search) ?? null;
    setResult(search.trim() === '' ? null : r ? t.searchResult(r.at, r.of) : t.searchNone);
  }

  return (
    <>
      <TextInput
        size="xs"
        w={320}
        placeholder={t.searchPlaceholder}
        aria-label={t.searchPlaceholder}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') find();
        }}
      />
      {result ? (
        <Text size="xs" c="dimmed" data-testid="search-result">
          {result}
        </Text>
      ) : null}
    </>
  );
}
