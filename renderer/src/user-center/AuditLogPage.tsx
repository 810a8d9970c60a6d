import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import type { MethodOutput } from '../../../electron/contract/api';
import type { AuditActionView, AuditFilterView } from '../../../electron/contract/views-trust';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { saveFile } from '../workspace/files';

const t = ui.trust.audit;
const PAGE = 50;

type Listed = MethodOutput<'audit.list'>;

/** 操作日志: the person's audit log with its integrity, filtered by action, result and date. */
export function AuditLogPage() {
  const [filter, setFilter] = useState<AuditFilterView>({});
  const [applied, setApplied] = useState<AuditFilterView>({});
  const [offset, setOffset] = useState(0);
  const [listed, setListed] = useState<Listed | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [exporting, setExporting] = useState(false);

  const load = useCallback(() => {
    call('audit.list', { ...applied, offset, limit: PAGE }).then(
      (value) => {
        setListed(value);
        setError(null);
      },
      (e: unknown) => setError(errorOf(e)),
    );
  }, [applied, offset]);
  useEffect(load, [load]);

  async function exportLog() {
    setExporting(true);
    try {
      saveFile(await call('audit.export', applied));
      load();
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setExporting(false);
    }
  }

  const chain = listed?.chain;
  const shownTo = listed ? Math.min(offset + PAGE, listed.total) : 0;
  return (
    <Stack gap="sm" maw={1100} data-testid="audit-log">
      <Title order={4}>{t.title}</Title>
      <Text size="sm" c="dimmed">
        {t.intro}
      </Text>
      {chain ? (
        <Alert
          color={chain.ok ? 'green' : 'red'}
          variant="light"
          py={6}
          data-testid="audit-chain"
          role={chain.ok ? 'status' : 'alert'}
        >
          {chain.ok ? t.chainOk(chain.entries) : t.chainBroken(chain.brokenAt, chain.reason)}
        </Alert>
      ) : null}
      {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
      <Group align="flex-end" gap="sm">
        <Select
          label={t.action}
          placeholder={t.all}
          clearable
          w={170}
          value={filter.action ?? null}
          data={Object.entries(t.actions).map(([value, label]) => ({ value, label }))}
          onChange={(v) =>
            setFilter({ ...filter, action: (v as AuditActionView | null) ?? undefined })
          }
        />
        <Select
          label={t.result}
          placeholder={t.all}
          clearable
          w={110}
          value={filter.result ?? null}
          data={Object.entries(t.results).map(([value, label]) => ({ value, label }))}
          onChange={(v) =>
            setFilter({ ...filter, result: (v as 'ok' | 'failed' | null) ?? undefined })
          }
        />
        <TextInput
          label={t.from}
          type="date"
          w={150}
          value={filter.from ?? ''}
          onChange={(e) => setFilter({ ...filter, from: e.currentTarget.value || undefined })}
        />
        <TextInput
          label={t.to}
          type="date"
          w={150}
          value={filter.to ?? ''}
          onChange={(e) => setFilter({ ...filter, to: e.currentTarget.value || undefined })}
        />
        <Button
          onClick={() => {
            setOffset(0);
            setApplied(filter);
          }}
        >
          {t.apply}
        </Button>
        <Button variant="default" loading={exporting} onClick={() => void exportLog()}>
          {t.export}
        </Button>
      </Group>
      <Table withTableBorder striped highlightOnHover fz="sm" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>{t.columns.seq}</Table.Th>
            <Table.Th w={170}>{t.columns.at}</Table.Th>
            <Table.Th w={130}>{t.columns.action}</Table.Th>
            <Table.Th w={90}>{t.columns.person}</Table.Th>
            <Table.Th>{t.columns.unit}</Table.Th>
            <Table.Th w={60}>{t.columns.result}</Table.Th>
            <Table.Th>{t.columns.detail}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {listed?.entries.map((e) => (
            <Table.Tr key={e.seq}>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td>{e.at.slice(0, 19).replace('T', ' ')}</Table.Td>
              <Table.Td>{t.actions[e.action]}</Table.Td>
              <Table.Td>{e.person}</Table.Td>
              <Table.Td>{[e.unitNo, e.unitName].filter(Boolean).join(' ')}</Table.Td>
              <Table.Td c={e.result === 'ok' ? undefined : 'red'}>{t.results[e.result]}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{e.detail}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {listed && listed.total === 0 ? (
        <Text size="sm" c="dimmed">
          {t.empty}
        </Text>
      ) : null}
      {listed && listed.total > 0 ? (
        <Group gap="sm">
          <Text size="sm">{t.page(offset + 1, shownTo, listed.total)}</Text>
          <Button
            size="xs"
            variant="default"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            {t.previous}
          </Button>
          <Button
            size="xs"
            variant="default"
            disabled={shownTo >= listed.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t.next}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
