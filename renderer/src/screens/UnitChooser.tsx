import { useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Card,
  Container,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { SessionView } from '../../../electron/contract/views';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { LogoutHeader } from '../components/LogoutHeader';
import { ErrorAlert } from '../components/ErrorAlert';

const t = ui.units;

/** As on the portals: a person who may act for several units picks the one to work for. */
export function UnitChooser({
  session,
  onCancel,
}: {
  session: SessionView;
  onCancel: (() => void) | null;
}) {
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function choose(unitNo: string) {
    setBusy(unitNo);
    setError(null);
    try {
      await call('auth.chooseUnit', { unitNo });
    } catch (failure) {
      setError(errorOf(failure));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Box>
      <LogoutHeader />
      <Container size={900} py="xl">
        <Stack gap="xs" mb="lg">
          <Title order={2}>{t.title}</Title>
          <Text c="dimmed">{t.subtitle(session.person.name)}</Text>
        </Stack>
        {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" mt="sm">
          {session.units.map((unit) => (
            <Card key={unit.unitNo} withBorder padding="lg" data-unit-no={unit.unitNo}>
              <Group justify="space-between" mb="xs" wrap="nowrap">
                <Text fw={700}>{unit.name}</Text>
                <Badge color={unit.role === 'legal' ? 'grape' : 'blue'}>
                  {unit.role === 'legal' ? t.roleLegal : t.roleAgent}
                </Badge>
              </Group>
              <Text size="sm">
                {t.unitNo}：{unit.unitNo}
              </Text>
              <Text size="sm" mb="md">
                {t.uscc}：{unit.uscc}
              </Text>
              <Button
                fullWidth
                onClick={() => void choose(unit.unitNo)}
                loading={busy === unit.unitNo}
                aria-label={`${t.enter} ${unit.name}`}
              >
                {t.enter}
              </Button>
            </Card>
          ))}
        </SimpleGrid>
        {onCancel ? (
          <Group justify="flex-end" mt="lg">
            <Button variant="default" onClick={onCancel}>
              {ui.login.cancelButton}
            </Button>
          </Group>
        ) : null}
      </Container>
    </Box>
  );
}
