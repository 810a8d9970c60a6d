import { useState, type FormEvent } from 'react';
import { Alert, Button, Divider, Group, Stack, Text, Title } from '@mantine/core';
import type { UnitApplication } from '../../../domain/protocol/accounts';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { CheckedInput } from './CheckedInput';
import { NewPasswordFields, newPasswordReady } from './NewPasswordFields';
import { mobileProblem, residentIdProblem, usccProblem } from './field-checks';
import { SmsCodeField } from './SmsCodeField';

const t = ui.accounts;

/** 单位注册 (seeds 000, 002, 003 5.1): checked against the insured-unit records, then reviewed. */
export function RegisterUnitForm() {
  const [form, setForm] = useState({
    uscc: '',
    unitName: '',
    legalName: '',
    legalResidentId: '',
    agentName: '',
    agentResidentId: '',
    agentMobile: '',
    smsCode: '',
    password: '',
    confirm: '',
  });
  const set = (key: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [key]: value }));
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [application, setApplication] = useState<UnitApplication | null>(null);
  const [busy, setBusy] = useState(false);

  const problems = {
    uscc: usccProblem(form.uscc),
    legalResidentId: residentIdProblem(form.legalResidentId),
    agentResidentId: residentIdProblem(form.agentResidentId),
    agentMobile: mobileProblem(form.agentMobile),
  };
  const filled = Object.entries(form).every(([, v]) => v.trim() !== '');
  const ready =
    filled &&
    form.smsCode.length === 6 &&
    Object.values(problems).every((p) => p === null) &&
    newPasswordReady(form.password, form.confirm, form.uscc);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      setApplication(
        await call('accounts.registerUnit', {
          uscc: form.uscc,
          unitName: form.unitName,
          legalName: form.legalName,
          legalResidentId: form.legalResidentId,
          agent: {
            name: form.agentName,
            residentId: form.agentResidentId,
            mobile: form.agentMobile,
          },
          smsCode: form.smsCode,
          password: form.password,
        }),
      );
    } catch (failure) {
      setError(errorOf(failure));
    } finally {
      setBusy(false);
    }
  }

  async function checkStatus() {
    if (!application) return;
    setError(null);
    try {
      setApplication(
        await call('accounts.applicationStatus', { applicationId: application.applicationId }),
      );
    } catch (failure) {
      setError(errorOf(failure));
    }
  }

  if (application) {
    return (
      <Stack gap="sm" maw={560} data-testid="unit-application" data-state={application.state}>
        <Title order={3}>{t.registerUnit.title}</Title>
        {application.state === 'reviewing' ? (
          <Alert color="blue">{t.registerUnit.reviewing}</Alert>
        ) : application.state === 'approved' ? (
          <Alert color="green">{t.registerUnit.approved}</Alert>
        ) : (
          <Alert color="red">{t.registerUnit.returned(application.reason ?? '')}</Alert>
        )}
        <Text size="sm">{t.registerUnit.applicationId(application.applicationId)}</Text>
        {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
        {application.state === 'reviewing' ? (
          <Group>
            <Button onClick={() => void checkStatus()}>{t.registerUnit.checkStatus}</Button>
          </Group>
        ) : null}
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} autoComplete="off" data-testid="register-unit">
      <Stack gap="xs" maw={620}>
        <Title order={3}>{t.registerUnit.title}</Title>
        <Text size="sm" c="dimmed">
          {t.registerUnit.intro}
        </Text>
        <Divider label={t.registerUnit.unitSection} labelPosition="left" />
        <Group grow align="flex-start">
          <CheckedInput
            label={t.fields.uscc}
            value={form.uscc}
            onChange={set('uscc')}
            problem={problems.uscc}
          />
          <CheckedInput
            label={t.fields.unitName}
            value={form.unitName}
            onChange={set('unitName')}
            problem={null}
            maxLength={200}
          />
        </Group>
        <Group grow align="flex-start">
          <CheckedInput
            label={t.fields.legalName}
            value={form.legalName}
            onChange={set('legalName')}
            problem={null}
            maxLength={50}
          />
          <CheckedInput
            label={t.fields.legalResidentId}
            value={form.legalResidentId}
            onChange={set('legalResidentId')}
            problem={problems.legalResidentId}
          />
        </Group>
        <Divider label={t.registerUnit.agentSection} labelPosition="left" />
        <Group grow align="flex-start">
          <CheckedInput
            label={t.fields.agentName}
            value={form.agentName}
            onChange={set('agentName')}
            problem={null}
            maxLength={50}
          />
          <CheckedInput
            label={t.fields.agentResidentId}
            value={form.agentResidentId}
            onChange={set('agentResidentId')}
            problem={problems.agentResidentId}
          />
        </Group>
        <Group grow align="flex-start">
          <CheckedInput
            label={t.fields.agentMobile}
            value={form.agentMobile}
            onChange={set('agentMobile')}
            problem={problems.agentMobile}
            maxLength={20}
          />
          <SmsCodeField
            purpose="register"
            mobile={form.agentMobile}
            value={form.smsCode}
            onChange={set('smsCode')}
            onError={setError}
          />
        </Group>
        <Divider label={t.registerUnit.passwordSection} labelPosition="left" />
        <Group grow align="flex-start">
          <NewPasswordFields
            account={form.uscc}
            password={form.password}
            confirm={form.confirm}
            onPassword={set('password')}
            onConfirm={set('confirm')}
          />
        </Group>
        {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
        <Button type="submit" disabled={!ready} loading={busy} mt="xs">
          {t.registerUnit.submit}
        </Button>
      </Stack>
    </form>
  );
}
