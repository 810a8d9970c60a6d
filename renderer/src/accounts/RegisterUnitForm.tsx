import { useState, type FormEvent } from 'react';
import { Alert, Button, Divider, Group, Stack, Text, Title } from '@mantine/core';
import type { UnitApplication } from '../../../domain/protocol/accounts';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { AccountFormFrame } from './AccountFormFrame';
import { CheckedInput } from './CheckedInput';
import { MobileCodeFields, mobileCodeReady } from './MobileCodeFields';
import { NewPasswordFields, newPasswordReady } from './NewPasswordFields';
import { PersonFields, personReady } from './PersonFields';
import { usccProblem } from './field-checks';

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

  const usccIssue = usccProblem(form.uscc);
  const filled = Object.entries(form).every(([, v]) => v.trim() !== '');
  const ready =
    filled &&
    usccIssue === null &&
    personReady(form.legalName, form.legalResidentId) &&
    personReady(form.agentName, form.agentResidentId) &&
    mobileCodeReady(form.agentMobile, form.smsCode) &&
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
    <AccountFormFrame
      testId="register-unit"
      title={t.registerUnit.title}
      intro={t.registerUnit.intro}
      onSubmit={submit}
      gap="xs"
      maw={620}
    >
      <Divider label={t.registerUnit.unitSection} labelPosition="left" />
      <Group grow align="flex-start">
        <CheckedInput
          label={t.fields.uscc}
          value={form.uscc}
          onChange={set('uscc')}
          problem={usccIssue}
        />
        <CheckedInput
          label={t.fields.unitName}
          value={form.unitName}
          onChange={set('unitName')}
          problem={null}
          maxLength={200}
        />
      </Group>
      <PersonFields
        row
        nameLabel={t.fields.legalName}
        idLabel={t.fields.legalResidentId}
        name={form.legalName}
        residentId={form.legalResidentId}
        onName={set('legalName')}
        onResidentId={set('legalResidentId')}
      />
      <Divider label={t.registerUnit.agentSection} labelPosition="left" />
      <PersonFields
        row
        nameLabel={t.fields.agentName}
        idLabel={t.fields.agentResidentId}
        name={form.agentName}
        residentId={form.agentResidentId}
        onName={set('agentName')}
        onResidentId={set('agentResidentId')}
      />
      <MobileCodeFields
        row
        label={t.fields.agentMobile}
        purpose="register"
        mobile={form.agentMobile}
        smsCode={form.smsCode}
        onMobile={set('agentMobile')}
        onSmsCode={set('smsCode')}
        onError={setError}
      />
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
    </AccountFormFrame>
  );
}
