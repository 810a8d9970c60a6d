import { useState } from 'react';
import { Alert, Button, Text } from '@mantine/core';
import { ui } from '../../../domain/ui-text';
import { call } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { AccountFormFrame } from './AccountFormFrame';
import { CheckedInput } from './CheckedInput';
import { MobileCodeFields, useMobileCode } from './MobileCodeFields';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields';
import { residentIdProblem } from './field-checks';
import { useAccountAction } from './use-account-action';

const t = ui.accounts;

/** 忘记密码: account + the 经办人's ID + mobile as registered, an SMS code, a new password. */
export function ForgotPasswordForm() {
  const [account, setAccount] = useState('');
  const [residentId, setResidentId] = useState('');
  const mobileCode = useMobileCode();
  const newPassword = useNewPassword(account);
  const { error, setError, busy, submitWhen } = useAccountAction();
  const [done, setDone] = useState(false);
  const residentIdIssue = residentIdProblem(residentId);
  const ready =
    account.trim() !== '' &&
    residentId !== '' &&
    residentIdIssue === null &&
    mobileCode.ready &&
    newPassword.ready;

  const submit = submitWhen(ready, async () => {
    await call('accounts.resetPassword', {
      account,
      residentId,
      mobile: mobileCode.mobile,
      smsCode: mobileCode.smsCode,
      newPassword: newPassword.password,
    });
    setDone(true);
  });

  if (done)
    return (
      <Alert color="green" data-testid="reset-done">
        {t.forgot.done}
      </Alert>
    );
  return (
    <AccountFormFrame testId="forgot-password" text={t.forgot} onSubmit={submit}>
      <CheckedInput label={t.fields.account} value={account} onChange={setAccount} problem={null} />
      <CheckedInput
        label={t.fields.agentResidentId}
        value={residentId}
        onChange={setResidentId}
        problem={residentIdIssue}
      />
      <MobileCodeFields purpose="reset" state={mobileCode} onError={setError} />
      <NewPasswordFields label={t.fields.newPassword} state={newPassword} />
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
