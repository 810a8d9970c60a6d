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

/** 个人注册 (seed 002): name and ID as in the insured records, mobile + SMS code, password. */
export function RegisterPersonForm() {
  const [name, setName] = useState('');
  const [residentId, setResidentId] = useState('');
  const [mobile, setMobile] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const problems = [residentIdProblem(residentId), mobileProblem(mobile)];
  const ready =
    name.trim() !== '' &&
    residentId !== '' &&
    mobile !== '' &&
    smsCode.length === 6 &&
    problems.every((p) => p === null) &&
    newPasswordReady(password, confirm, residentId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('accounts.registerPerson', {
        name,
        residentId,
        mobile,
        smsCode,
        password,
      });
      setDone(result.account);
    } catch (failure) {
      setError(errorOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <Alert color="green" data-testid="register-done">
        {t.registerPerson.done(done)}
      </Alert>
    );
  return (
    <form onSubmit={submit} autoComplete="off" data-testid="register-person">
      <Stack gap="sm" maw={520}>
        <Title order={3}>{t.registerPerson.title}</Title>
        <Text size="sm" c="dimmed">
          {t.registerPerson.intro}
        </Text>
        <CheckedInput
          label={t.fields.name}
          value={name}
          onChange={setName}
          problem={null}
          maxLength={50}
        />
        <CheckedInput
          label={t.fields.residentId}
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
          purpose="register"
          mobile={mobile}
          value={smsCode}
          onChange={setSmsCode}
          onError={setError}
        />
        <NewPasswordFields
          account={residentId}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
        />
        {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
        <Button type="submit" disabled={!ready} loading={busy}>
          {t.registerPerson.submit}
        </Button>
      </Stack>
    </form>
  );
}
