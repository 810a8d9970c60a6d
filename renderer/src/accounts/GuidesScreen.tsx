import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { Guide } from '../../../domain/protocol/accounts';
import type { GuidesView } from '../../../electron/contract/views-accounts';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';

const t = ui.accounts.guides;
type Business = Guide['business'];

/** 办事指南: each business's guide, then 立即办理; readable offline. */
export function GuidesScreen({ onStart }: { onStart(business: Business): void }) {
  const [data, setData] = useState<GuidesView | null>(null);
  const [open, setOpen] = useState<Business | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    call('accounts.guides', {}).then(setData, (failure: unknown) => setError(errorOf(failure)));
  }, []);
  const guide = data?.guides.find((g) => g.business === open) ?? null;

  const list = (items: readonly string[]) => (
    <List size="sm" spacing={2}>
      {items.map((item) => (
        <List.Item key={item}>{item}</List.Item>
      ))}
    </List>
  );

  return (
    <Stack gap="md" p="lg" maw={1000} data-testid="guides">
      <Title order={2}>{guide ? guide.title : t.title}</Title>
      {data?.offline ? (
        <Alert color="yellow" role="status" data-testid="guides-offline">
          {t.offline}
        </Alert>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      {guide ? (
        <>
          <Table withTableBorder verticalSpacing="sm" data-guide={guide.business}>
            <Table.Tbody>
              {(
                [
                  [t.agency, <Text size="sm">{guide.agency}</Text>],
                  [t.legalBasis, list(guide.legalBasis)],
                  [t.conditions, list(guide.conditions)],
                  [t.process, list(guide.process)],
                  [t.materials, list(guide.materials)],
                  [t.contact, <Text size="sm">{guide.contact}</Text>],
                  [t.hours, <Text size="sm">{guide.hours}</Text>],
                ] as const
              ).map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={120} style={{ verticalAlign: 'top' }}>
                    {label}
                  </Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button onClick={() => onStart(guide.business)}>{t.start}</Button>
            <Button variant="subtle" onClick={() => setOpen(null)}>
              {t.back}
            </Button>
          </Group>
        </>
      ) : (
        <>
          <Text c="dimmed">{t.intro}</Text>
          <SimpleGrid cols={2} spacing="md">
            {(data?.guides ?? []).map((g) => (
              <Card key={g.business} withBorder>
                <Text fw={600}>{g.title}</Text>
                <Text size="sm" c="dimmed" lineClamp={2} mt={4}>
                  {g.conditions[0]}
                </Text>
                <Group mt="sm" gap="xs">
                  <Button size="xs" variant="light" onClick={() => setOpen(g.business)}>
                    {t.view}
                  </Button>
                  <Button size="xs" onClick={() => onStart(g.business)}>
                    {t.start}
                  </Button>
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
