import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  Button,
  Group,
  Image,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';

const t = ui.accounts.password;

/** 账号密码登录 with the captcha image; the service's answers say tries left or when it unlocks. */
export function PasswordLoginForm() {
  const [account, setAccount] = useState('');
  const [password, setPassword] = useState('');
  const [captcha, setCaptcha] = useState('');
  const [image, setImage] = useState<{ id: string; src: string } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    setCaptcha('');
    try {
      const next = await call('accounts.captcha', {});
      setImage({ id: next.captchaId, src: next.image });
    } catch (failure) {
      setError(errorOf(failure));
    }
  }, []);
  useEffect(() => {
    call('accounts.captcha', {}).then(
      (next) => setImage({ id: next.captchaId, src: next.image }),
      (failure: unknown) => setError(errorOf(failure)),
    );
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('accounts.passwordLogin', {
        account,
        password,
        captchaId: image?.id ?? '',
        captcha,
      });
    } catch (failure) {
      setError(errorOf(failure));
      setPassword('');
      // Every try spends the captcha.
      void refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} autoComplete="off" data-testid="password-login">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t.hint}
        </Text>
        <TextInput
          label={t.account}
          placeholder={t.accountPlaceholder}
          value={account}
          onChange={(e) => setAccount(e.currentTarget.value)}
          maxLength={40}
        />
        <PasswordInput
          label={t.password}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          maxLength={100}
        />
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label={t.captcha}
            placeholder={t.captchaPlaceholder}
            value={captcha}
            onChange={(e) => setCaptcha(e.currentTarget.value)}
            maxLength={8}
            style={{ flex: 1 }}
          />
          <UnstyledButton onClick={() => void refresh()} title={t.refreshCaptcha}>
            {image ? (
              <Image
                src={image.src}
                alt={t.captchaAlt}
                w={120}
                h={40}
                radius="sm"
                data-testid="captcha-image"
              />
            ) : null}
          </UnstyledButton>
        </Group>
        <Text size="xs" c="dimmed">
          {t.refreshCaptcha}
        </Text>
        {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
        <Button type="submit" loading={busy}>
          {t.login}
        </Button>
        <Text size="xs" c="dimmed">
          {t.signingNote}
        </Text>
      </Stack>
    </form>
  );
}
