import {
  Alert,
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
import { formatDay } from '../../../domain/certificate-status';
import { ui } from '../../../domain/ui-text';
import { call } from '../api/client';
import { AppHeader } from '../components/AppHeader';

const t = ui.home;

/** The unit's workspace frame: who is working for which unit, and the way out. */
export function HomeShell({
  session,
  onSwitchUnit,
}: {
  session: SessionView;
  onSwitchUnit: () => void;
}) {
  const unit = session.currentUnit;
  if (!unit) return null;
  const role = unit.role === 'legal' ? ui.units.roleLegal : ui.units.roleAgent;
  const cert = session.certificate;
  return (
    <Box>
      <AppHeader>
        <Text c="white" size="sm" data-testid="current-unit">
          {unit.name}
        </Text>
        <Badge color={unit.role === 'legal' ? 'grape' : 'cyan'} variant="filled">
          {role}
        </Badge>
        <Text c="blue.1" size="sm">
          {session.person.name}
        </Text>
        {session.units.length > 1 ? (
          <Button variant="white" size="xs" onClick={onSwitchUnit}>
            {t.switchUnit}
          </Button>
        ) : null}
        <Button
          variant="outline"
          color="white"
          size="xs"
          c="white"
          onClick={() => void call('auth.logout', {})}
        >
          {t.logout}
        </Button>
      </AppHeader>
      <Container size={1200} py="lg">
        <Stack gap="md">
          <Title order={2}>{t.welcome(session.person.name)}</Title>
          {cert.status.kind === 'expiring' ? (
            <Alert color="orange" role="status">
              {ui.login.expiringAdvice(formatDay(cert.notAfter), cert.status.daysLeft)}
            </Alert>
          ) : null}
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <Text size="sm">
                {ui.units.unitNo}：{unit.unitNo}
              </Text>
              <Text size="sm">
                {t.uscc}：{unit.uscc}
              </Text>
              <Text size="sm">
                {t.role}：{role}
              </Text>
              <Text size="sm">
                {t.certificate}：{cert.holderName}（{ui.login.validUntil(formatDay(cert.notAfter))}
                ）
              </Text>
              <Text size="sm" c="dimmed">
                {t.sessionUntil(
                  new Date(session.expiresAt).toLocaleString('zh-CN', { hour12: false }),
                )}
              </Text>
            </SimpleGrid>
          </Card>
          <Group gap="sm">
            {t.sections.map((section) => (
              <Button key={section} variant="light" disabled>
                {section}
              </Button>
            ))}
          </Group>
          <Text size="sm" c="dimmed">
            {t.sectionsPending}
          </Text>
        </Stack>
      </Container>
    </Box>
  );
}
