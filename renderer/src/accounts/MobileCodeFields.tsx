import { useState } from 'react';
import type { SmsPurpose } from '../../../domain/protocol/accounts';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { CheckedInput } from './CheckedInput';
import { FieldRow } from './FieldRow';
import { mobileProblem } from './field-checks';
import { SmsCodeField } from './SmsCodeField';

/** A mobile number and the SMS code sent to it, and whether both are complete and well formed. */
export function useMobileCode() {
  const [mobile, setMobile] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const ready = mobile.trim() !== '' && mobileProblem(mobile) === null && smsCode.length === 6;
  return { mobile, smsCode, setMobile, setSmsCode, ready };
}

export type MobileCodeState = ReturnType<typeof useMobileCode>;

/** The mobile number and the SMS code sent to it; side by side when `row` is set. */
export function MobileCodeFields({
  label = ui.accounts.fields.mobile,
  purpose,
  state,
  onError,
  row = false,
}: {
  label?: string;
  purpose: SmsPurpose;
  state: MobileCodeState;
  onError(error: ErrorInfo | null): void;
  row?: boolean;
}) {
  return (
    <FieldRow row={row}>
      <CheckedInput
        label={label}
        value={state.mobile}
        onChange={state.setMobile}
        problem={mobileProblem(state.mobile)}
        maxLength={20}
      />
      <SmsCodeField
        purpose={purpose}
        mobile={state.mobile}
        value={state.smsCode}
        onChange={state.setSmsCode}
        onError={onError}
      />
    </FieldRow>
  );
}
