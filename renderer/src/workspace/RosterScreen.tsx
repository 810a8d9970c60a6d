// 参保人员: the unit's roster in the same grid, read-only, with its search.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Stack, Text, Group } from '@mantine/core';
import type { RosterPerson } from '../../../domain/declarations/roster';
import { ui } from '../../../domain/ui-text';
import type { ErrorInfo } from '../../../domain/errors';
import { errorOf } from './errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { rosterColumns } from './columns';
import { GridSearch } from './GridSearch';
import { DeclarationGrid, type GridHandle } from './grid/DeclarationGrid';
import type { ShownRow, WorkspaceBackend } from './model';

const t = ui.workspace;
const noContext = { regionCode: null };
const noFindings = new Map();

export function RosterScreen({ backend, unitNo }: { backend: WorkspaceBackend; unitNo: string }) {
  const [people, setPeople] = useState<RosterPerson[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const grid = useRef<GridHandle>(null);

  useEffect(() => {
    backend
      .call('workspace.roster', { unitNo, limit: 100_000 })
      .then((page) => setPeople(page.people))
      .catch((e: unknown) => setError(errorOf(e)));
  }, [backend, unitNo]);

  const rows = useMemo<ShownRow[]>(
    () => (people ?? []).map((p, i) => ({ rowNo: i, data: p })),
    [people],
  );

  return (
    <Stack gap="xs" p="sm" h="100%" style={{ minHeight: 0 }}>
      <Group gap="sm">
        <Text fw={700} size="lg">
          {t.nav.roster}
        </Text>
        <GridSearch grid={grid} />
      </Group>
      {error ? <ErrorAlert error={error} /> : null}
      {people && people.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.rosterEmpty}
        </Text>
      ) : null}
      {people && people.length > 0 ? (
        <DeclarationGrid
          ref={grid}
          label={t.nav.roster}
          columns={rosterColumns}
          rows={rows}
          findings={noFindings}
          editable={false}
          kind={null}
          context={noContext}
          blank={null}
          totals={{ __rowNo: t.totalsLabel, name: t.headcount(rows.length) }}
          onlyProblems={false}
          onShowAllRows={() => undefined}
          onEdit={() => undefined}
          onUndo={() => undefined}
          onRedo={() => undefined}
          onNotice={() => undefined}
        />
      ) : null}
    </Stack>
  );
}
