import { useEffect, useState } from 'react';
import { Alert, Box, Button, Image, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import QRCode from 'qrcode';
import type { QrIdentity, QrState } from '../../../domain/protocol/accounts';
import type { QrWaitResult } from '../../../electron/contract/views-accounts';
import { describeError, type ErrorInfo } from '../../../domain/errors';
import { isErrorCode } from '../../../domain/error-catalogue';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';

const t = ui.accounts.qr;

interface Shown {
  qrId: string;
  qrText: string;
  image: string;
  expiresAt: number;
}

/**
 * 电子社保卡扫码: the identity switch above the code (法人扫码登录 / 办事员扫码登录, as the
 * portal has it), a real QR code of the service's qrText, a countdown, and a refresh when it
 * runs out. A confirmed scan begins the session in the services; the screen follows it.
 */
export function QrLoginPanel() {
  const [identity, setIdentity] = useState<QrIdentity>('legal');
  const [shown, setShown] = useState<Shown | null>(null);
  const [state, setState] = useState<QrState>('waiting');
  const [refusal, setRefusal] = useState<ErrorInfo | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [generation, setGeneration] = useState(0);

  // A new code for each identity and each refresh; its long poll runs until it settles.
  useEffect(() => {
    let current = true;
    void (async () => {
      try {
        const qr = await call('accounts.qrStart', { identity });
        const image = await QRCode.toDataURL(qr.qrText, {
          errorCorrectionLevel: 'M',
          margin: 2,
          width: 220,
        });
        if (!current) return;
        // Counted on this PC's clock from the code's lifetime, whatever the service's clock says.
        setShown({ qrId: qr.qrId, qrText: qr.qrText, image, expiresAt: Date.now() + 120_000 });
        let since: QrState = 'waiting';
        while (current && (since === 'waiting' || since === 'scanned')) {
          const result: QrWaitResult = await call('accounts.qrWait', { qrId: qr.qrId, since });
          if (!current) return;
          since = result.state;
          setState(result.state);
          if (result.code && isErrorCode(result.code)) setRefusal(describeError(result.code));
        }
      } catch (failure) {
        if (current) setError(errorOf(failure));
      }
    })();
    return () => {
      current = false;
    };
  }, [identity, generation]);

  /** A fresh code: for the other identity, or after this one ran out or was refused. */
  function restart(nextIdentity: QrIdentity) {
    setShown(null);
    setState('waiting');
    setRefusal(null);
    setError(null);
    setIdentity(nextIdentity);
    setGeneration((g) => g + 1);
  }

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const secondsLeft = shown
    ? Math.min(120, Math.max(0, Math.ceil((shown.expiresAt - now) / 1000)))
    : 0;
  const expired =
    state === 'expired' || (shown !== null && secondsLeft === 0 && state === 'waiting');

  return (
    <Stack
      gap="sm"
      align="center"
      data-testid="qr-login"
      data-qr-state={expired ? 'expired' : state}
    >
      <SegmentedControl
        value={identity}
        onChange={(value) => restart(value === 'agent' ? 'agent' : 'legal')}
        data={[
          { value: 'legal', label: t.legal },
          { value: 'agent', label: t.agent },
        ]}
        aria-label={t.switchLabel}
      />
      <Title order={4}>{t.heading(identity)}</Title>
      <Box pos="relative" w={220} h={220} data-qr-text={shown?.qrText}>
        {shown ? (
          <Image
            src={shown.image}
            alt={t.qrAlt}
            w={220}
            h={220}
            style={{ opacity: expired || state === 'refused' ? 0.15 : 1 }}
            data-testid="qr-image"
          />
        ) : null}
        {expired || state === 'refused' ? (
          <Button pos="absolute" top={90} left={50} w={120} onClick={() => restart(identity)}>
            {t.refresh}
          </Button>
        ) : null}
      </Box>
      {expired ? (
        <Text c="red" size="sm">
          {t.expired}
        </Text>
      ) : state === 'scanned' ? (
        <Text c="green" size="sm" fw={600}>
          {t.scanned}
        </Text>
      ) : state === 'waiting' && shown ? (
        <Text size="sm" c="dimmed">
          {t.waiting} · {t.expiresIn(secondsLeft)}
        </Text>
      ) : null}
      {refusal && state === 'refused' ? <ErrorAlert error={refusal} /> : null}
      {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
      <Alert color="gray" variant="light" w="100%">
        <Text size="xs">{t.howTo}</Text>
        <Text size="xs" mt={4}>
          {ui.accounts.password.signingNote}
        </Text>
      </Alert>
    </Stack>
  );
}
