import { useState, type FormEvent } from 'react';
import { Alert, Button } from '@mantine/core';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { AccountFormFrame } from './AccountFormFrame';
import { MobileCodeFields, mobileCodeReady } from './MobileCodeFields';
import { NewPasswordFields, newPasswordReady } from './NewPasswordFields';
import { PersonFields, personReady } from './PersonFields';

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

  const ready =
    personReady(name, residentId) &&
    mobileCodeReady(mobile, smsCode) &&
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
    <AccountFormFrame
      testId="register-person"
      title={t.registerPerson.title}
      intro={t.registerPerson.intro}
      onSubmit={submit}
    >
      <PersonFields
        nameLabel={t.fields.name}
        idLabel={t.fields.residentId}
        name={name}
        residentId={residentId}
        onName={setName}
        onResidentId={setResidentId}
      />
      <MobileCodeFields
        purpose="register"
        mobile={mobile}
        smsCode={smsCode}
        onMobile={setMobile}
        onSmsCode={setSmsCode}
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
    </AccountFormFrame>
  );
}
