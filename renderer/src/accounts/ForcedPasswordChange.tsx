import { Box, Container, Paper, Stack, Text, Title } from '@mantine/core';
import type { SessionView } from '../../../electron/contract/views';
import { ui } from '../../../domain/ui-text';
import { LogoutHeader } from '../components/LogoutHeader';
import { PasswordChangeForm } from './PasswordChangeForm';

const t = ui.accounts.change;

/** A new or reset account: the password is changed before anything else opens. */
export function ForcedPasswordChange({ session }: { session: SessionView }) {
  const account = session.units[0]?.uscc ?? '';
  return (
    <Box>
      <LogoutHeader />
      <Container size={560} py="xl">
        <Paper withBorder p="lg" shadow="xs" data-testid="forced-password-change">
          <Stack gap="sm">
            <Title order={3}>{t.forcedTitle}</Title>
            <Text size="sm">{session.person.name}</Text>
            <Text size="sm" c="dimmed">
              {t.forcedBody}
            </Text>
            <PasswordChangeForm account={account} />
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}
