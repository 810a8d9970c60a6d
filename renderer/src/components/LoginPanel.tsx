import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Loader, PasswordInput, Stack, Text } from '@mantine/core';
import type { CertificateView, LoginStage, TokenView } from '../../../electron/contract/views';
import type { ErrorInfo } from '../../../domain/errors';
import { formatDay } from '../../../domain/certificate-status';
import { ui } from '../../../domain/ui-text';
import { call, errorOf, subscribe } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

const t = ui.login;

/**
 * The PIN step for the chosen certificate. The PIN lives only in this component's state, is
 * sent once through the contract to the token, and is cleared after every try.
 */
export function LoginPanel({
  token,
  cert,
  onCancel,
  method = 'auth.login',
  submitLabel = t.loginButton,
}: {
  token: TokenView;
  cert: CertificateView;
  /** Without it there is no 取消 (the session lock cannot be cancelled). */
  onCancel?: () => void;
  /** A fresh login, or resuming a session whose token was pulled out. */
  method?: 'auth.login' | 'auth.resume';
  submitLabel?: string;
}) {
  const [pin, setPin] = useState('');
  const [confirmedFinalTry, setConfirmedFinalTry] = useState(false);
  const [stage, setStage] = useState<LoginStage | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  // Mounted afresh for each certificate (keyed by its id), so no PIN carries over.
  useEffect(() => subscribe('auth.progress', ({ stage: next }) => setStage(next)), []);
  useEffect(() => pinRef.current?.focus(), []);

  const { pin: pinState } = token;
  const needsPin = !pinState.pinPad;
  const canSubmit =
    !busy &&
    !pinState.locked &&
    (!needsPin || pin.length > 0) &&
    (!pinState.finalTry || confirmedFinalTry);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSubmit) return;
    setBusy(true);
    setError(null);
    const typed = needsPin ? pin : null;
    setPin('');
    try {
      await call(method, { certificateId: cert.id, pin: typed, confirmedFinalTry });
    } catch (failure) {
      setError(errorOf(failure));
      setStage(null);
      setConfirmedFinalTry(false);
      pinRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} autoComplete="off">
      <Stack gap="sm">
        <Text fw={600}>
          {cert.holderName}
          {cert.unitName ? ` · ${cert.unitName}` : ''}
        </Text>
        {cert.status.kind === 'expiring' ? (
          <Alert color="orange" variant="light" role="status">
            {t.expiringAdvice(formatDay(cert.notAfter), cert.status.daysLeft)}
          </Alert>
        ) : null}
        {pinState.locked ? (
          <Alert color="red" title={t.pinLocked} role="alert" data-error-code="PIN_LOCKED">
            {t.pinLockedHelp(cert.issuer, `${token.vendor} ${token.product}`)}
          </Alert>
        ) : needsPin ? (
          <PasswordInput
            ref={pinRef}
            label={t.pinLabel}
            placeholder={t.pinPlaceholder}
            description={t.pinHint}
            value={pin}
            onChange={(e) => setPin(e.currentTarget.value)}
            maxLength={pinState.maxLength > 0 ? Math.min(pinState.maxLength, 64) : 64}
            autoComplete="off"
            spellCheck={false}
            disabled={busy}
            data-autofocus
          />
        ) : (
          <Alert color="blue" variant="light">
            {t.pinPad}
          </Alert>
        )}
        {pinState.countLow && !pinState.finalTry && !pinState.locked ? (
          <Alert color="orange" variant="light" role="status" data-pin-state="count-low">
            {t.pinCountLow}
          </Alert>
        ) : null}
        {pinState.finalTry && !pinState.locked ? (
          <Alert color="red" variant="light" role="status" data-pin-state="final-try">
            <Stack gap="xs">
              <Text size="sm">{t.pinFinalTry}</Text>
              <Checkbox
                label={t.pinFinalTryConfirm}
                checked={confirmedFinalTry}
                onChange={(e) => setConfirmedFinalTry(e.currentTarget.checked)}
              />
            </Stack>
          </Alert>
        ) : null}
        {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
        {busy && stage && stage !== 'failed' ? (
          <Group gap="xs" role="status">
            <Loader size="xs" />
            <Text size="sm">{t.stage[stage]}</Text>
          </Group>
        ) : null}
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {t.cancelButton}
            </Button>
          ) : null}
          <Button type="submit" disabled={!canSubmit} loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
