// Checks as you type, with the same rules the service applies (check digits from domain/ids,
// password rules from the protocol): a message to show under the field, or null when fine.
import { checkResidentId, checkUscc } from '../../../domain/ids';
import { MOBILE_PATTERN, passwordProblem } from '../../../domain/protocol/accounts';
import { describeError } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';

const t = ui.accounts.checks;

export function residentIdProblem(value: string): string | null {
  if (value.trim() === '') return null;
  const checked = checkResidentId(value);
  return checked.ok ? null : `${checked.message}${checked.action}`;
}

export function usccProblem(value: string): string | null {
  if (value.trim() === '') return null;
  const checked = checkUscc(value);
  return checked.ok ? null : `${checked.message}${checked.action}`;
}

export function mobileProblem(value: string): string | null {
  if (value.trim() === '') return null;
  return MOBILE_PATTERN.test(value.replace(/[\s-]/g, '')) ? null : t.mobileRule;
}

export function newPasswordProblem(value: string, account: string): string | null {
  if (value === '') return null;
  const problem = passwordProblem(value, account.trim().toUpperCase());
  return problem ? describeError(problem).message : null;
}

export function confirmProblem(value: string, password: string): string | null {
  return value !== '' && value !== password ? t.passwordMismatch : null;
}
