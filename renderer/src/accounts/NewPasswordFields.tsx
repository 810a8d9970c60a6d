import { useState } from 'react';
import { ui } from '../../../domain/ui-text';
import { CheckedInput } from './CheckedInput';
import { confirmProblem, newPasswordProblem } from './field-checks';

const t = ui.accounts;

/** A new password typed twice for `account`; ready when it keeps the rules and both agree. */
export function useNewPassword(account: string) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const ready =
    password !== '' && confirm === password && newPasswordProblem(password, account) === null;
  const clear = () => {
    setPassword('');
    setConfirm('');
  };
  return { account, password, confirm, setPassword, setConfirm, ready, clear };
}

export type NewPasswordState = ReturnType<typeof useNewPassword>;

/** The new password and its confirmation, each saying what is wrong as it is typed. */
export function NewPasswordFields({
  label = t.fields.password,
  state,
}: {
  label?: string;
  state: NewPasswordState;
}) {
  return (
    <>
      <CheckedInput
        label={label}
        value={state.password}
        onChange={state.setPassword}
        problem={newPasswordProblem(state.password, state.account)}
        password
        description={t.checks.passwordRule}
        maxLength={100}
      />
      <CheckedInput
        label={t.fields.confirmPassword}
        value={state.confirm}
        onChange={state.setConfirm}
        problem={confirmProblem(state.confirm, state.password)}
        password
        maxLength={100}
      />
    </>
  );
}
