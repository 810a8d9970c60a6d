import { useEffect, useState } from 'react';
import { Alert, Stack, Table, Title } from '@mantine/core';
import type { AgentsResponse } from '../../../domain/protocol/accounts';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';

const t = ui.accounts.profile;

/** 用户中心 · 修改资料, for a 法人: the enterprise as registered, and where changes are made. */
export function UnitProfilePage() {
  const [data, setData] = useState<AgentsResponse | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    call('accounts.agents', {}).then(setData, (failure: unknown) => setError(errorOf(failure)));
  }, []);
  return (
    <Stack gap="sm" data-testid="unit-profile">
      <Title order={4}>{t.title}</Title>
      {error ? <ErrorAlert error={error} /> : null}
      {data ? (
        <Table withTableBorder maw={640}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={160}>{t.enterprise}</Table.Th>
              <Table.Td>{data.enterpriseName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t.uscc}</Table.Th>
              <Table.Td>{data.uscc}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t.insurances}</Table.Th>
              <Table.Td>{data.units.map((u) => `${u.unitNo} ${u.name}`).join('；')}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : null}
      <Alert color="blue" variant="light" maw={640}>
        {t.intro}
      </Alert>
    </Stack>
  );
}
