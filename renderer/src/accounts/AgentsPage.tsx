import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Radio,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { Agent, AgentsResponse } from '../../../domain/protocol/accounts';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { CheckedInput } from './CheckedInput';
import { mobileProblem, residentIdProblem } from './field-checks';

const t = ui.accounts.agents;
const f = ui.accounts.fields;
const GRANTED_YELLOW = 'var(--mantine-color-yellow-1)';

type Editing = { mode: 'add' | 'edit'; residentId: string; name: string; mobile: string } | null;

/**
 * 用户中心 · 授权登录, for a 法人: add, change and delete agents (经办人/办事员),
 * and grant or revoke each of the enterprise's 参保关系 with checkboxes; granted ones are yellow.
 */
export function AgentsPage() {
  const [data, setData] = useState<AgentsResponse | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [granting, setGranting] = useState<{ agent: Agent; unitNos: string[] } | null>(null);
  const [removing, setRemoving] = useState<Agent | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [formError, setFormError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    call('accounts.agents', {}).then(setData, (failure: unknown) => setError(errorOf(failure)));
  }, []);

  const agent = data?.agents.find((a) => a.residentId === selected) ?? null;
  const unitName = (unitNo: string) => data?.units.find((u) => u.unitNo === unitNo)?.name ?? unitNo;

  async function run(work: () => Promise<AgentsResponse>, after?: () => void): Promise<boolean> {
    setFormError(null);
    setSaved(false);
    try {
      setData(await work());
      setSaved(true);
      after?.();
      return true;
    } catch (failure) {
      setFormError(errorOf(failure));
      return false;
    }
  }

  const editProblems = editing
    ? [residentIdProblem(editing.residentId), mobileProblem(editing.mobile)]
    : [null, null];

  return (
    <Stack gap="sm" data-testid="agents-page">
      <Title order={4}>{t.title}</Title>
      <Text size="sm" c="dimmed" maw={760}>
        {t.intro}
      </Text>
      {data ? (
        <Text size="sm">
          {data.enterpriseName}（{data.uscc}）
        </Text>
      ) : null}
      {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
      {saved ? (
        <Alert color="green" withCloseButton onClose={() => setSaved(false)} role="status">
          {t.saved}
        </Alert>
      ) : null}
      {formError && !editing && !granting ? (
        <ErrorAlert error={formError} onClose={() => setFormError(null)} />
      ) : null}
      <Group gap="xs">
        <Button
          size="xs"
          onClick={() => setEditing({ mode: 'add', residentId: '', name: '', mobile: '' })}
        >
          {t.add}
        </Button>
        <Button
          size="xs"
          variant="light"
          disabled={!agent}
          onClick={() => agent && setEditing({ mode: 'edit', ...agent })}
        >
          {t.edit}
        </Button>
        <Button
          size="xs"
          variant="light"
          disabled={!agent}
          onClick={() => agent && setGranting({ agent, unitNos: agent.grantedUnitNos })}
        >
          {t.grant}
        </Button>
        <Button
          size="xs"
          variant="light"
          color="red"
          disabled={!agent}
          onClick={() => setRemoving(agent)}
        >
          {t.remove}
        </Button>
      </Group>
      {data && data.agents.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.none}
        </Text>
      ) : (
        <Radio.Group value={selected} onChange={setSelected}>
          <Table withTableBorder highlightOnHover maw={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40} />
                <Table.Th>{t.columns.name}</Table.Th>
                <Table.Th>{t.columns.residentId}</Table.Th>
                <Table.Th>{t.columns.mobile}</Table.Th>
                <Table.Th>{t.columns.grants}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.agents ?? []).map((a) => (
                <Table.Tr
                  key={a.residentId}
                  data-agent={a.residentId}
                  onClick={() => setSelected(a.residentId)}
                >
                  <Table.Td>
                    <Radio value={a.residentId} aria-label={a.name} />
                  </Table.Td>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>{a.residentId}</Table.Td>
                  <Table.Td>{a.mobile}</Table.Td>
                  <Table.Td>
                    {a.grantedUnitNos.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t.noGrants}
                      </Text>
                    ) : (
                      <Group gap={4}>
                        {a.grantedUnitNos.map((unitNo) => (
                          <Badge
                            key={unitNo}
                            color="yellow"
                            variant="light"
                            title={unitName(unitNo)}
                          >
                            {unitNo}
                          </Badge>
                        ))}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Radio.Group>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => {
          setEditing(null);
          setFormError(null);
        }}
        title={editing?.mode === 'add' ? t.addTitle : t.editTitle}
      >
        {editing ? (
          <Stack gap="sm">
            <CheckedInput
              label={f.residentId}
              value={editing.residentId}
              onChange={(v) => editing.mode === 'add' && setEditing({ ...editing, residentId: v })}
              problem={editProblems[0]!}
            />
            <CheckedInput
              label={f.name}
              value={editing.name}
              onChange={(v) => setEditing({ ...editing, name: v })}
              problem={null}
              maxLength={50}
            />
            <CheckedInput
              label={f.mobile}
              value={editing.mobile}
              onChange={(v) => setEditing({ ...editing, mobile: v })}
              problem={editProblems[1]!}
              maxLength={20}
            />
            {formError ? <ErrorAlert error={formError} onClose={() => setFormError(null)} /> : null}
            <Group justify="flex-end">
              <Button variant="subtle" onClick={() => setEditing(null)}>
                {t.cancel}
              </Button>
              <Button
                disabled={
                  !editing.residentId ||
                  !editing.name.trim() ||
                  !editing.mobile ||
                  editProblems.some(Boolean)
                }
                onClick={() => {
                  const input = {
                    residentId: editing.residentId,
                    name: editing.name,
                    mobile: editing.mobile,
                  };
                  void run(
                    () =>
                      call(
                        editing.mode === 'add' ? 'accounts.addAgent' : 'accounts.updateAgent',
                        input,
                      ),
                    () => setEditing(null),
                  );
                }}
              >
                {t.save}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>

      <Modal
        opened={granting !== null}
        onClose={() => setGranting(null)}
        title={granting ? t.grantTitle(granting.agent.name) : ''}
        size="lg"
      >
        {granting && data ? (
          <Stack gap="sm">
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40} />
                  <Table.Th>{t.unitNo}</Table.Th>
                  <Table.Th>{t.unitName}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.units.map((unit) => {
                  const already = granting.agent.grantedUnitNos.includes(unit.unitNo);
                  const checked = granting.unitNos.includes(unit.unitNo);
                  return (
                    <Table.Tr
                      key={unit.unitNo}
                      style={already ? { background: GRANTED_YELLOW } : undefined}
                      data-grant-unit={unit.unitNo}
                      data-granted={already ? 'true' : 'false'}
                    >
                      <Table.Td>
                        <Checkbox
                          checked={checked}
                          aria-label={`${unit.unitNo} ${unit.name}`}
                          onChange={(e) => {
                            const on = e.currentTarget.checked;
                            setGranting({
                              ...granting,
                              unitNos: on
                                ? [...granting.unitNos, unit.unitNo]
                                : granting.unitNos.filter((n) => n !== unit.unitNo),
                            });
                          }}
                        />
                      </Table.Td>
                      <Table.Td>{unit.unitNo}</Table.Td>
                      <Table.Td>{unit.name}</Table.Td>
                      <Table.Td>
                        {already ? <Badge color="yellow">{t.granted}</Badge> : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            {formError ? <ErrorAlert error={formError} onClose={() => setFormError(null)} /> : null}
            <Group justify="flex-end">
              <Button variant="subtle" onClick={() => setGranting(null)}>
                {t.cancel}
              </Button>
              <Button
                onClick={() =>
                  void run(
                    () =>
                      call('accounts.setGrants', {
                        residentId: granting.agent.residentId,
                        unitNos: granting.unitNos,
                      }),
                    () => setGranting(null),
                  )
                }
              >
                {t.saveGrants}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>

      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t.remove}>
        {removing ? (
          <Stack gap="sm">
            <Text size="sm">{t.removeConfirm(removing.name)}</Text>
            <Group justify="flex-end">
              <Button variant="subtle" onClick={() => setRemoving(null)}>
                {t.cancel}
              </Button>
              <Button
                color="red"
                onClick={() =>
                  void run(
                    () => call('accounts.deleteAgent', { residentId: removing.residentId }),
                    () => {
                      setRemoving(null);
                      setSelected(null);
                    },
                  )
                }
              >
                {t.remove}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
