import { useState } from 'react';
import { Alert, Button, Stack } from '@mantine/core';
import { ui } from '../../../domain/ui-text';
import { call } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { CheckedInput } from './CheckedInput';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields';
import { useAccountAction } from './use-account-action';

const t = ui.accounts;

/** Old password, new one twice, checked as you type; the same rules as registration. */
export function PasswordChangeForm({ account }: { account: string }) {
  const [oldPassword, setOldPassword] = useState('');
  const newPassword = useNewPassword(account);
  const { error, setError, busy, submitWhen } = useAccountAction();
  const [done, setDone] = useState(false);
  const ready = oldPassword !== '' && newPassword.ready;

  const submit = submitWhen(ready, async () => {
    await call('accounts.changePassword', { oldPassword, newPassword: newPassword.password });
    setDone(true);
    setOldPassword('');
    newPassword.clear();
  });

  return (
    <form onSubmit={submit} autoComplete="off" data-testid="change-password">
      <Stack gap="sm" maw={420}>
        <CheckedInput
          label={t.fields.oldPassword}
          value={oldPassword}
          onChange={setOldPassword}
          problem={null}
          password
          maxLength={100}
        />
        <NewPasswordFields label={t.fields.newPassword} state={newPassword} />
        {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
        {done ? <Alert color="green">{t.change.done}</Alert> : null}
        <Button type="submit" disabled={!ready} loading={busy}>
          {t.change.submit}
        </Button>
      </Stack>
    </form>
  );
}
