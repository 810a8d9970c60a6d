import { useState, type FormEvent } from 'react';
import { Alert, Button, Stack } from '@mantine/core';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { CheckedInput } from './CheckedInput';
import { NewPasswordFields, newPasswordReady } from './NewPasswordFields';

const t = ui.accounts;

/** Old password, new one twice, checked as you type; the same rules as registration. */
export function PasswordChangeForm({ account }: { account: string }) {
  const [oldPassword, setOldPassword] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const ready = oldPassword !== '' && newPasswordReady(password, confirm, account);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('accounts.changePassword', { oldPassword, newPassword: password });
      setDone(true);
      setOldPassword('');
      setPassword('');
      setConfirm('');
    } catch (failure) {
      setError(errorOf(failure));
    } finally {
      setBusy(false);
    }
  }

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
        <NewPasswordFields
          label={t.fields.newPassword}
          account={account}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
        />
        {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
        {done ? <Alert color="green">{t.change.done}</Alert> : null}
        <Button type="submit" disabled={!ready} loading={busy}>
          {t.change.submit}
        </Button>
      </Stack>
    </form>
  );
}
