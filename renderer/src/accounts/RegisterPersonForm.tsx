import { useState, type FormEvent } from 'react';
import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { CheckedInput } from './CheckedInput';
import {
  confirmProblem,
  mobileProblem,
  newPasswordProblem,
  residentIdProblem,
} from './field-checks';
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

  const problems = [
    residentIdProblem(residentId),
    mobileProblem(mobile),
    newPasswordProblem(password, residentId),
    confirmProblem(confirm, password),
  ];
  const ready =
    name.trim() !== '' &&
    residentId !== '' &&
    mobile !== '' &&
    smsCode.length === 6 &&
    password !== '' &&
    confirm === password &&
    problems.every((p) => p === null);

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
        <CheckedInput
          label={t.fields.password}
          value={password}
          onChange={setPassword}
          problem={problems[2]!}
          password
          description={t.checks.passwordRule}
          maxLength={100}
        />
        <CheckedInput
          label={t.fields.confirmPassword}
          value={confirm}
          onChange={setConfirm}
          problem={problems[3]!}
          password
          maxLength={100}
        />
        {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
        <Button type="submit" disabled={!ready} loading={busy}>
          {t.registerPerson.submit}
        </Button>
      </Stack>
    </form>
  );
}
