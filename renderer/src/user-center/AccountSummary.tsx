import { Stack, Table, Title } from '@mantine/core';
import type { SessionView } from '../../../electron/contract/views';
import { ui } from '../../../domain/ui-text';

const t = ui.userCenter;

/** Who is logged in, for which unit, with which certificate. */
export function AccountSummary({ session }: { session: SessionView }) {
  const unit = session.currentUnit;
  const rows: [string, string][] = [
    [t.person, session.person.name],
    [ui.home.unitNo, unit?.unitNo ?? ''],
    [ui.login.unit, unit?.name ?? ''],
    [ui.home.role, unit?.role === 'legal' ? ui.units.roleLegal : ui.units.roleAgent],
    [
      ui.home.certificate,
      session.certificate?.holderName ?? ui.accounts.loginMethod[session.method],
    ],
  ];
  return (
    <Stack gap="sm">
      <Title order={4}>{t.account}</Title>
      <Table withTableBorder w={560}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={140}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
