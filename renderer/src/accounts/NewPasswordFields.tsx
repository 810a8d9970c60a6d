import { ui } from '../../../domain/ui-text';
import { CheckedInput } from './CheckedInput';
import { confirmProblem, newPasswordProblem } from './field-checks';

const t = ui.accounts;

/** True when the new password keeps the rules and was typed the same twice. */
export function newPasswordReady(password: string, confirm: string, account: string): boolean {
  return password !== '' && confirm === password && newPasswordProblem(password, account) === null;
}

/** The new password and its confirmation, each saying what is wrong as it is typed. */
export function NewPasswordFields({
  label = t.fields.password,
  account,
  password,
  confirm,
  onPassword,
  onConfirm,
}: {
  label?: string;
  account: string;
  password: string;
  confirm: string;
  onPassword(value: string): void;
  onConfirm(value: string): void;
}) {
  return (
    <>
      <CheckedInput
        label={label}
        value={password}
        onChange={onPassword}
        problem={newPasswordProblem(password, account)}
        password
        description={t.checks.passwordRule}
        maxLength={100}
      />
      <CheckedInput
        label={t.fields.confirmPassword}
        value={confirm}
        onChange={onConfirm}
        problem={confirmProblem(confirm, password)}
        password
        maxLength={100}
      />
    </>
  );
}
