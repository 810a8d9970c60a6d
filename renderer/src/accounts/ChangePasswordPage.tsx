import { Alert, Stack, Title } from '@mantine/core';
import type { SessionView } from '../../../electron/contract/views';
import { ui } from '../../../domain/ui-text';
import { PasswordChangeForm } from './PasswordChangeForm';

const t = ui.accounts.change;

/** 用户中心 · 修改密码, for everyone; a U盾 session is told where its PIN is changed. */
export function ChangePasswordPage({ session }: { session: SessionView }) {
  return (
    <Stack gap="sm">
      <Title order={4}>{t.title}</Title>
      {session.method === 'cert' ? (
        <Alert color="blue" variant="light" maw={560}>
          {t.noAccount}
        </Alert>
      ) : null}
      <PasswordChangeForm account={session.currentUnit?.uscc ?? ''} />
    </Stack>
  );
}
