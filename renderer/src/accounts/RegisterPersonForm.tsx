import { useState } from 'react';
import { Alert, Button } from '@mantine/core';
import { ui } from '../../../domain/ui-text';
import { call } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { AccountFormFrame } from './AccountFormFrame';
import { MobileCodeFields, useMobileCode } from './MobileCodeFields';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields';
import { PersonFields, usePerson } from './PersonFields';
import { useAccountAction } from './use-account-action';

const t = ui.accounts;

/** 个人注册: name and ID as in the insured records, mobile + SMS code, password. */
export function RegisterPersonForm() {
  const person = usePerson();
  const mobileCode = useMobileCode();
  const newPassword = useNewPassword(person.residentId);
  const { error, setError, busy, submitWhen } = useAccountAction();
  const [done, setDone] = useState<string | null>(null);
  const ready = person.ready && mobileCode.ready && newPassword.ready;

  const submit = submitWhen(ready, async () => {
    const result = await call('accounts.registerPerson', {
      name: person.name,
      residentId: person.residentId,
      mobile: mobileCode.mobile,
      smsCode: mobileCode.smsCode,
      password: newPassword.password,
    });
    setDone(result.account);
  });

  if (done)
    return (
      <Alert color="green" data-testid="register-done">
        {t.registerPerson.done(done)}
      </Alert>
    );
  return (
    <AccountFormFrame testId="register-person" text={t.registerPerson} onSubmit={submit}>
      <PersonFields nameLabel={t.fields.name} idLabel={t.fields.residentId} person={person} />
      <MobileCodeFields purpose="register" state={mobileCode} onError={setError} />
      <NewPasswordFields state={newPassword} />
      {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
      <Button type="submit" disabled={!ready} loading={busy}>
        {t.registerPerson.submit}
      </Button>
    </AccountFormFrame>
  );
}
