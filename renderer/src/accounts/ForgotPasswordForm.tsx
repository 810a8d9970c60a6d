import { useState, type FormEvent } from 'react';
import { Alert, Button, Text } from '@mantine/core';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { AccountFormFrame } from './AccountFormFrame';
import { CheckedInput } from './CheckedInput';
import { MobileCodeFields, mobileCodeReady } from './MobileCodeFields';
import { NewPasswordFields, newPasswordReady } from './NewPasswordFields';
import { residentIdProblem } from './field-checks';

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
  const residentIdIssue = residentIdProblem(residentId);
  const ready =
    account.trim() !== '' &&
    residentId !== '' &&
    residentIdIssue === null &&
    mobileCodeReady(mobile, smsCode) &&
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
    <AccountFormFrame
      testId="forgot-password"
      title={t.forgot.title}
      intro={t.forgot.intro}
      onSubmit={submit}
    >
      <CheckedInput label={t.fields.account} value={account} onChange={setAccount} problem={null} />
      <CheckedInput
        label={t.fields.agentResidentId}
        value={residentId}
        onChange={setResidentId}
        problem={residentIdIssue}
      />
      <MobileCodeFields
        purpose="reset"
        mobile={mobile}
        smsCode={smsCode}
        onMobile={setMobile}
        onSmsCode={setSmsCode}
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
    </AccountFormFrame>
  );
}
