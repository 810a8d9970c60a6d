import { useEffect, useState } from 'react';
import { Button, Group, TextInput } from '@mantine/core';
import { SMS_RESEND_MS, type SmsPurpose } from '../../../domain/protocol/accounts';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { mobileProblem } from './field-checks';

const t = ui.accounts;

/** The 6-digit code field with its 获取验证码 button, counting down the 60 s before a resend. */
export function SmsCodeField({
  purpose,
  mobile,
  value,
  onChange,
  onError,
}: {
  purpose: SmsPurpose;
  mobile: string;
  value: string;
  onChange(value: string): void;
  onError(error: ErrorInfo | null): void;
}) {
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [sentTo, setSentTo] = useState<string | null>(null);
  useEffect(() => {
    if (resendAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [resendAt]);
  const secondsLeft = resendAt === null ? 0 : Math.max(0, Math.ceil((resendAt - now) / 1000));
  const canSend = mobile.trim() !== '' && mobileProblem(mobile) === null && secondsLeft === 0;

  async function send() {
    onError(null);
    try {
      await call('accounts.sendSms', { purpose, mobile });
      setResendAt(Date.now() + SMS_RESEND_MS);
      setNow(Date.now());
      setSentTo(mobile);
    } catch (failure) {
      onError(errorOf(failure));
    }
  }

  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <TextInput
        label={t.fields.smsCode}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
        inputMode="numeric"
        maxLength={6}
        w={160}
        description={sentTo ? t.sms.sent(sentTo) : undefined}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
      />
      <Button variant="light" onClick={() => void send()} disabled={!canSend} data-sms-send>
        {secondsLeft > 0 ? t.sms.resendIn(secondsLeft) : t.sms.send}
      </Button>
    </Group>
  );
}
