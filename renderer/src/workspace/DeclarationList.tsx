// The declarations of one kind for the unit: create (for a month), open, delete drafts, and the
// blank Excel template of the kind.
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { declarationKindLabels } from '../../../domain/labels';
import { ui } from '../../../domain/ui-text';
import type { ErrorInfo } from '../../../domain/errors';
import { errorOf } from './errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { saveFile } from './files';
import type { DeclarationKind, DeclarationSummary, WorkspaceBackend } from './model';

const t = ui.workspace;

function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export const stateColors: Record<DeclarationSummary['state'], string> = {
  draft: 'gray',
  queued: 'yellow',
  uploaded: 'blue',
  reviewing: 'indigo',
  approved: 'teal',
  returned: 'red',
};

export function DeclarationList({
  backend,
  unitNo,
  kind,
  onOpen,
  version,
}: {
  backend: WorkspaceBackend;
  unitNo: string;
  kind: DeclarationKind;
  onOpen(id: string): void;
  /** Bumped by the parent when declarations changed elsewhere. */
  version: number;
}) {
  const [list, setList] = useState<DeclarationSummary[] | null>(null);
  const [month, setMonth] = useState(thisMonth());
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const { declarations } = await backend.call('workspace.list', { unitNo });
      setList(declarations.filter((d) => d.kind === kind));
    } catch (e) {
      setError(errorOf(e));
    }
  }, [backend, unitNo, kind]);

  useEffect(() => {
    backend
      .call('workspace.list', { unitNo })
      .then(({ declarations }) => setList(declarations.filter((d) => d.kind === kind)))
      .catch((e: unknown) => setError(errorOf(e)));
  }, [backend, unitNo, kind, version]);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      const created = await backend.call('workspace.create', { unitNo, kind, month });
      onOpen(created.id);
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove(d: DeclarationSummary) {
    if (!window.confirm(t.removeConfirm(d.title))) return;
    try {
      await backend.call('workspace.delete', { declarationId: d.id });
      await refresh();
    } catch (e) {
      setError(errorOf(e));
    }
  }

  async function template() {
    if (kind === 'monthly') return;
    try {
      saveFile(await backend.call('workspace.template', { kind }));
    } catch (e) {
      setError(errorOf(e));
    }
  }

  return (
    // data-list-loaded: whether the list has been read (tests wait for it before counting rows).
    <Stack gap="md" p="lg" maw={1100} data-list-loaded={list ? 'true' : 'false'}>
      <Group justify="space-between" align="flex-end">
        <Text fw={700} size="lg">
          {declarationKindLabels[kind]}
        </Text>
        <Group gap="xs" align="flex-end">
          <TextInput
            size="xs"
            w={110}
            label={t.monthLabel}
            value={month}
            onChange={(e) => setMonth(e.currentTarget.value)}
            placeholder="YYYY-MM"
          />
          <Button
            size="xs"
            onClick={() => void create()}
            loading={busy}
            disabled={!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)}
          >
            {t.newDeclaration}
          </Button>
          {kind !== 'monthly' ? (
            <Button size="xs" variant="default" onClick={() => void template()}>
              {t.templateOf(declarationKindLabels[kind])}
            </Button>
          ) : null}
        </Group>
      </Group>
      {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
      {list && list.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.noDeclarations}
        </Text>
      ) : null}
      {list && list.length > 0 ? (
        <Table highlightOnHover withTableBorder data-testid="declaration-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.listColumns.title}</Table.Th>
              <Table.Th>{t.listColumns.month}</Table.Th>
              <Table.Th ta="end">{t.listColumns.rows}</Table.Th>
              <Table.Th>{t.listColumns.state}</Table.Th>
              <Table.Th>{t.listColumns.updatedAt}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((d) => (
              <Table.Tr key={d.id} data-declaration-id={d.id}>
                <Table.Td>
                  <Text size="sm">{d.title}</Text>
                  {d.returnReason ? (
                    <Text size="xs" c="red.7">
                      {t.returnReason(d.returnReason)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{d.month}</Table.Td>
                <Table.Td ta="end">{d.rowCount}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={stateColors[d.state]}>
                    {t.states[d.state]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {new Date(d.updatedAt).toLocaleString('zh-CN', { hour12: false })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button
                      size="compact-xs"
                      onClick={() => onOpen(d.id)}
                      aria-label={`${t.open} ${d.title}`}
                    >
                      {t.open}
                    </Button>
                    {d.state === 'draft' ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => void remove(d)}
                      >
                        {t.remove}
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}
