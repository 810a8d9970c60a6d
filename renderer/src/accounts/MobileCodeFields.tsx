import { Group } from '@mantine/core';
import type { SmsPurpose } from '../../../domain/protocol/accounts';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { CheckedInput } from './CheckedInput';
import { mobileProblem } from './field-checks';
import { SmsCodeField } from './SmsCodeField';

/** True when the mobile number passes its check and a full 6-digit code was typed. */
export function mobileCodeReady(mobile: string, smsCode: string): boolean {
  return mobile !== '' && mobileProblem(mobile) === null && smsCode.length === 6;
}

/** The mobile number and the SMS code sent to it; side by side when `row` is set. */
export function MobileCodeFields({
  label = ui.accounts.fields.mobile,
  purpose,
  mobile,
  smsCode,
  onMobile,
  onSmsCode,
  onError,
  row = false,
}: {
  label?: string;
  purpose: SmsPurpose;
  mobile: string;
  smsCode: string;
  onMobile(value: string): void;
  onSmsCode(value: string): void;
  onError(error: ErrorInfo | null): void;
  row?: boolean;
}) {
  const fields = (
    <>
      <CheckedInput
        label={label}
        value={mobile}
        onChange={onMobile}
        problem={mobileProblem(mobile)}
        maxLength={20}
      />
      <SmsCodeField
        purpose={purpose}
        mobile={mobile}
        value={smsCode}
        onChange={onSmsCode}
        onError={onError}
      />
    </>
  );
  return row ? (
    <Group grow align="flex-start">
      {fields}
    </Group>
  ) : (
    fields
  );
}
