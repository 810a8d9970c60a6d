import { useState, type FormEvent } from 'react';
import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { CheckedInput } from './CheckedInput';
import { NewPasswordFields, newPasswordReady } from './NewPasswordFields';
import { mobileProblem, residentIdProblem } from './field-checks';
import { SmsCodeField } from './SmsCodeField';

const t = ui.accounts;

/** 忘记密码 (seed 000): account + the 经办人's ID + mobile as registered, an SMS code, a new password. */
export function ForgotPasswordForm() {
  const [account, setAccount] = useState('');
  const [residentId, setResidentId] = useState('');
  const [mobile, setMobile] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const problems = [residentIdProblem(residentId), mobileProblem(mobile)];
  const ready =
    account.trim() !== '' &&
    residentId !== '' &&
    mobile !== '' &&
    smsCode.length === 6 &&
    problems.every((p) => p === null) &&
    newPasswordReady(password, confirm, account);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('accounts.resetPassword', {
        account,
        residentId,
        mobile,
        smsCode,
        newPassword: password,
      });
      setDone(true);
    } catch (failure) {
      setError(errorOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <Alert color="green" data-testid="reset-done">
        {t.forgot.done}
      </Alert>
    );
  return (
    <form onSubmit={submit} autoComplete="off" data-testid="forgot-password">
      <Stack gap="sm" maw={520}>
        <Title order={3}>{t.forgot.title}</Title>
        <Text size="sm" c="dimmed">
          {t.forgot.intro}
        </Text>
        <CheckedInput
          label={t.fields.account}
          value={account}
          onChange={setAccount}
          problem={null}
        />
        <CheckedInput
          label={t.fields.agentResidentId}
          value={residentId}
          onChange={setResidentId}
          problem={problems[0]!}
        />
        <CheckedInput
          label={t.fields.mobile}
          value={mobile}
          onChange={setMobile}
          problem={problems[1]!}
          maxLength={20}
        />
        <SmsCodeField
          purpose="reset"
          mobile={mobile}
          value={smsCode}
          onChange={setSmsCode}
          onError={setError}
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
        <Button type="submit" disabled={!ready} loading={busy}>
          {t.forgot.submit}
        </Button>
        <Text size="xs" c="dimmed">
          {t.forgot.counter}
        </Text>
      </Stack>
    </form>
  );
}
