import { useState } from 'react';
import { Alert, Button, Divider, Group, Stack, Text, Title } from '@mantine/core';
import type { UnitApplication } from '../../../domain/protocol/accounts';
import { ui } from '../../../domain/ui-text';
import { call } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { AccountFormFrame } from './AccountFormFrame';
import { CheckedInput } from './CheckedInput';
import { FieldRow } from './FieldRow';
import { MobileCodeFields, useMobileCode } from './MobileCodeFields';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields';
import { PersonFields, usePerson } from './PersonFields';
import { usccProblem } from './field-checks';
import { useAccountAction } from './use-account-action';

const t = ui.accounts;

/** 单位注册: checked against the insured-unit records, then reviewed. */
export function RegisterUnitForm() {
  const [unit, setUnit] = useState({ uscc: '', unitName: '' });
  const set = (key: keyof typeof unit) => (value: string) =>
    setUnit((u) => ({ ...u, [key]: value }));
  const legal = usePerson();
  const agent = usePerson();
  const mobileCode = useMobileCode();
  const newPassword = useNewPassword(unit.uscc);
  const { error, setError, busy, run, submitWhen } = useAccountAction();
  const [application, setApplication] = useState<UnitApplication | null>(null);

  const usccIssue = usccProblem(unit.uscc);
  const ready =
    unit.uscc.trim() !== '' &&
    unit.unitName.trim() !== '' &&
    usccIssue === null &&
    legal.ready &&
    agent.ready &&
    mobileCode.ready &&
    newPassword.ready;

  const submit = submitWhen(ready, async () => {
    setApplication(
      await call('accounts.registerUnit', {
        uscc: unit.uscc,
        unitName: unit.unitName,
        legalName: legal.name,
        legalResidentId: legal.residentId,
        agent: {
          name: agent.name,
          residentId: agent.residentId,
          mobile: mobileCode.mobile,
        },
        smsCode: mobileCode.smsCode,
        password: newPassword.password,
      }),
    );
  });

  async function checkStatus() {
    if (!application) return;
    const { applicationId } = application;
    await run(async () => {
      setApplication(await call('accounts.applicationStatus', { applicationId }));
    });
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
      text={t.registerUnit}
      onSubmit={submit}
      gap="xs"
      maw={620}
    >
      <Divider label={t.registerUnit.unitSection} labelPosition="left" />
      <FieldRow>
        <CheckedInput
          label={t.fields.uscc}
          value={unit.uscc}
          onChange={set('uscc')}
          problem={usccIssue}
        />
        <CheckedInput
          label={t.fields.unitName}
          value={unit.unitName}
          onChange={set('unitName')}
          problem={null}
          maxLength={200}
        />
      </FieldRow>
      <PersonFields
        row
        nameLabel={t.fields.legalName}
        idLabel={t.fields.legalResidentId}
        person={legal}
      />
      <Divider label={t.registerUnit.agentSection} labelPosition="left" />
      <PersonFields
        row
        nameLabel={t.fields.agentName}
        idLabel={t.fields.agentResidentId}
        person={agent}
      />
      <MobileCodeFields
        row
        label={t.fields.agentMobile}
        purpose="register"
        state={mobileCode}
        onError={setError}
      />
      <Divider label={t.registerUnit.passwordSection} labelPosition="left" />
      <FieldRow>
        <NewPasswordFields state={newPassword} />
      </FieldRow>
      {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
      <Button type="submit" disabled={!ready} loading={busy} mt="xs">
        {t.registerUnit.submit}
      </Button>
    </AccountFormFrame>
  );
}
