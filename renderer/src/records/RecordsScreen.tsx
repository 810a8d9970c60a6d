// 业务记录 (the portals' 用户中心): every declaration the logged-in person made for the unit on
// this PC, filtered by type, state and date. Each person's work lives in that person's own
// database, so two 经办人 of one unit on one PC do not see each other's drafts or records here;
// the portals' 业务查询 shows the unit's whole business to its 法人 and authorised 经办人. A row
// opens its detail — history, the service's result, a returned one's reason with a
// way to fix and resubmit, and a draft's conflicts with the choice to keep or discard each row.
import { useCallback, useEffect, useState } from 'react';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import 'dayjs/locale/zh-cn';
import '@mantine/dates/styles.css';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import type {
  DeclarationKind,
  DeclarationState,
  RecordDetail,
  RecordsPage,
} from '../../../electron/contract/views-sync';
import type { ErrorInfo } from '../../../domain/errors';
import { declarationKindLabels } from '../../../domain/labels';
import { ui } from '../../../domain/ui-text';
import { call, errorOf, subscribe } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { PrintButtons } from '../print/PrintButtons';

const t = ui.sync;
const states = ui.workspace.states;
const PAGE = 20;

const stateColors: Record<DeclarationState, string> = {
  draft: 'gray',
  queued: 'yellow',
  uploaded: 'blue',
  reviewing: 'indigo',
  approved: 'teal',
  returned: 'red',
};

function day(iso: string): string {
  return new Date(iso).toLocaleDateString('zh-CN');
}
function time(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { hour12: false });
}

interface Filters {
  kind: DeclarationKind | null;
  state: DeclarationState | null;
  from: string;
  to: string;
}

export function StateBadge({ state }: { state: DeclarationState }) {
  return (
    <Badge color={stateColors[state]} variant="light" data-state={state}>
      {states[state]}
    </Badge>
  );
}

/** `onEditDraft` opens a declaration in the workspace (after a returned one was reopened). */
export function RecordsScreen({
  onEditDraft,
}: {
  onEditDraft?: (id: string, kind: DeclarationKind) => void;
}) {
  const [filters, setFilters] = useState<Filters>({ kind: null, state: null, from: '', to: '' });
  const [applied, setApplied] = useState<Filters>(filters);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RecordsPage | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  const load = useCallback(() => {
    const input = {
      offset,
      limit: PAGE,
      ...(applied.kind ? { kind: applied.kind } : {}),
      ...(applied.state ? { state: applied.state } : {}),
      ...(applied.from ? { from: applied.from } : {}),
      ...(applied.to ? { to: applied.to } : {}),
    };
    call('records.list', input).then(
      (next) => {
        setPage(next);
        setError(null);
      },
      (e: unknown) => setError(errorOf(e)),
    );
  }, [applied, offset]);

  useEffect(() => {
    load();
    // States change as sync brings results back: refresh when the status settles.
    return subscribe('sync.status', (status) => {
      if (status.state === 'idle') load();
    });
  }, [load]);

  const pages = page ? Math.max(1, Math.ceil(page.total / PAGE)) : 1;
  return (
    <Stack gap="md" p="lg" maw={1200} data-testid="records-screen">
      <Title order={3}>{t.recordsTitle}</Title>
      <Text size="sm" c="dimmed">
        {t.recordsHint}
      </Text>
      <Group align="flex-end" gap="sm">
        <Select
          label={t.filterKind}
          placeholder={t.filterAll}
          clearable
          w={160}
          value={filters.kind}
          data={Object.entries(declarationKindLabels).map(([value, label]) => ({ value, label }))}
          onChange={(v) => setFilters({ ...filters, kind: (v as DeclarationKind | null) ?? null })}
        />
        <Select
          label={t.filterState}
          placeholder={t.filterAll}
          clearable
          w={140}
          value={filters.state}
          data={Object.entries(states).map(([value, label]) => ({ value, label }))}
          onChange={(v) =>
            setFilters({ ...filters, state: (v as DeclarationState | null) ?? null })
          }
        />
        {/* A zh-CN picker: the browser's own date box follows the OS language (mm/dd/yyyy). */}
        <DatesProvider settings={{ locale: 'zh-cn', firstDayOfWeek: 1 }}>
          <DatePickerInput
            label={t.filterFrom}
            w={160}
            clearable
            valueFormat="YYYY-MM-DD"
            placeholder={ui.workspaceData.dateHint}
            value={filters.from || null}
            onChange={(v) => setFilters({ ...filters, from: v ?? '' })}
          />
          <DatePickerInput
            label={t.filterTo}
            w={160}
            clearable
            valueFormat="YYYY-MM-DD"
            placeholder={ui.workspaceData.dateHint}
            value={filters.to || null}
            onChange={(v) => setFilters({ ...filters, to: v ?? '' })}
          />
        </DatesProvider>
        <Button
          onClick={() => {
            setOffset(0);
            setApplied(filters);
          }}
        >
          {t.search}
        </Button>
        <Button
          variant="default"
          onClick={() => {
            const empty: Filters = { kind: null, state: null, from: '', to: '' };
            setFilters(empty);
            setApplied(empty);
            setOffset(0);
          }}
        >
          {t.reset}
        </Button>
      </Group>
      {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
      {page && page.items.length === 0 ? <Text c="dimmed">{t.noRecords}</Text> : null}
      {page && page.items.length > 0 ? (
        <Table striped highlightOnHover withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.columns.title}</Table.Th>
              <Table.Th>{t.columns.kind}</Table.Th>
              <Table.Th>{t.columns.month}</Table.Th>
              <Table.Th>{t.columns.rows}</Table.Th>
              <Table.Th>{t.columns.state}</Table.Th>
              <Table.Th>{t.columns.date}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.items.map((r) => (
              <Table.Tr
                key={r.id}
                data-record-id={r.id}
                style={{ cursor: 'pointer' }}
                onClick={() => setOpenId(r.id)}
              >
                <Table.Td>{r.title}</Table.Td>
                <Table.Td>{declarationKindLabels[r.kind]}</Table.Td>
                <Table.Td>{r.month}</Table.Td>
                <Table.Td>{r.rowCount}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <StateBadge state={r.state} />
                    {r.hasConflict ? (
                      <Badge color="orange" variant="outline">
                        {t.conflictBadge}
                      </Badge>
                    ) : null}
                  </Group>
                  {r.state === 'returned' && r.returnReason ? (
                    <Text size="xs" c="red">
                      {t.returnedReason(r.returnReason)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{day(r.submittedAt ?? r.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {page && page.total > PAGE ? (
        <Group gap="sm">
          <Button
            variant="default"
            size="xs"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            {t.prevPage}
          </Button>
          <Text size="sm">{t.pageOf(offset / PAGE + 1, pages)}</Text>
          <Button
            variant="default"
            size="xs"
            disabled={offset + PAGE >= page.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t.nextPage}
          </Button>
          <Text size="sm" c="dimmed">
            {t.total(page.total)}
          </Text>
        </Group>
      ) : null}
      {openId ? (
        <RecordDetailModal
          id={openId}
          onClose={() => {
            setOpenId(null);
            load();
          }}
          onEditDraft={onEditDraft}
        />
      ) : null}
    </Stack>
  );
}

function RecordDetailModal({
  id,
  onClose,
  onEditDraft,
}: {
  id: string;
  onClose: () => void;
  onEditDraft?: (id: string, kind: DeclarationKind) => void;
}) {
  const [detail, setDetail] = useState<RecordDetail | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    call('records.detail', { id }).then(setDetail, (e: unknown) => setError(errorOf(e)));
  }, [id]);

  const act = (work: Promise<RecordDetail>, after?: (d: RecordDetail) => void) =>
    work.then(
      (d) => {
        setDetail(d);
        after?.(d);
      },
      (e: unknown) => setError(errorOf(e)),
    );

  const record = detail?.record;
  return (
    <Modal opened onClose={onClose} title={t.detailTitle} size="xl">
      <Stack gap="sm" data-testid="record-detail">
        {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
        {record ? (
          <>
            <Group gap="sm">
              <Text fw={600}>{record.title}</Text>
              <Text>{declarationKindLabels[record.kind]}</Text>
              <Text>{record.month}</Text>
              <StateBadge state={record.state} />
              <PrintButtons detail={detail} />
            </Group>
            {record.returnReason && (record.state === 'returned' || record.state === 'draft') ? (
              <Alert color="red" title={t.returnedReason(record.returnReason)}>
                {record.state === 'returned' ? (
                  <Stack gap="xs">
                    <Text size="sm">{t.fixHint}</Text>
                    <Button
                      w="fit-content"
                      onClick={() =>
                        void act(call('records.reopen', { id }), (d) => {
                          onEditDraft?.(d.record.id, d.record.kind);
                        })
                      }
                    >
                      {t.fixAndResubmit}
                    </Button>
                  </Stack>
                ) : null}
              </Alert>
            ) : null}
            {detail.conflict ? (
              <Alert color="orange" title={t.conflictHeading}>
                <Stack gap="xs">
                  {detail.conflict.items.map((item) => (
                    <Group key={item.rowNo} justify="space-between" data-conflict-row={item.rowNo}>
                      <Text size="sm">
                        {ui.workspace.rowLabel(item.rowNo + 1)}：{item.message}
                      </Text>
                      <Group gap="xs">
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() =>
                            void act(
                              call('records.resolveConflict', {
                                id,
                                rowNo: item.rowNo,
                                choice: 'keep',
                              }),
                            )
                          }
                        >
                          {t.conflictKeep}
                        </Button>
                        <Button
                          size="compact-xs"
                          color="red"
                          onClick={() =>
                            void act(
                              call('records.resolveConflict', {
                                id,
                                rowNo: item.rowNo,
                                choice: 'discard',
                              }),
                            )
                          }
                        >
                          {t.conflictDiscard}
                        </Button>
                      </Group>
                    </Group>
                  ))}
                </Stack>
              </Alert>
            ) : null}
            {detail.serverResult ? (
              <Text size="sm">
                {t.serverResult}：{t.resultStatus[detail.serverResult.status]}
                {detail.serverResult.message ? `（${detail.serverResult.message}）` : ''}
              </Text>
            ) : null}
            <Title order={5}>{t.history}</Title>
            <Timeline bulletSize={14} lineWidth={2}>
              {detail.events.map((event, i) => (
                <Timeline.Item key={i} title={states[event.state]}>
                  <Text size="xs" c="dimmed">
                    {time(event.at)} · {event.source === 'server' ? t.sourceServer : t.sourceLocal}
                  </Text>
                  {event.note ? <Text size="xs">{event.note}</Text> : null}
                </Timeline.Item>
              ))}
            </Timeline>
            <Title order={5}>
              {t.rowsHeading}（{detail.rows.length}）
            </Title>
            <Table withTableBorder>
              <Table.Tbody>
                {detail.rows.slice(0, 50).map((row) => (
                  <Table.Tr key={row.rowNo}>
                    <Table.Td>{ui.workspace.rowLabel(row.rowNo + 1)}</Table.Td>
                    <Table.Td>{String(row.data.name ?? '')}</Table.Td>
                    <Table.Td>{String(row.data.documentNumber ?? '')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.close}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
