import { useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import type { SessionView, TokenSnapshot } from '../../../electron/contract/views';
import { ui } from '../../../domain/ui-text';
import { call } from '../api/client';
import { CertificateOption, isSelectable } from './CertificateOption';
import { LoginPanel } from './LoginPanel';

const t = ui.lock;

/**
 * Shown over whatever the clerk was doing when the session's U盾 was pulled out. The screen
 * below stays mounted, so unsaved text stays exactly where it was.
 */
export function SessionLock({
  session,
  snapshot,
}: {
  session: SessionView;
  snapshot: TokenSnapshot;
}) {
  const [chosenId, setChosenId] = useState<string | null>(null);
  const present = snapshot.tokens.flatMap((token) =>
    token.certificates.filter(isSelectable).map((cert) => ({ token, cert })),
  );
  const same = present.find((p) => p.cert.sha256 === session.certificate.sha256);
  const chosen = present.find((p) => p.cert.id === chosenId) ?? null;
  const unitName = session.currentUnit?.name ?? '';

  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      centered
      size="lg"
      title={t.title}
      overlayProps={{ backgroundOpacity: 0.55, blur: 2 }}
      data-testid="session-lock"
    >
      <Stack gap="sm">
        <Text fw={600}>{t.who(session.person.name, unitName)}</Text>
        <Text size="sm">{t.body}</Text>
        {present.length === 0 ? (
          <Alert color="blue" variant="light" role="status">
            {t.waiting}
          </Alert>
        ) : (
          <>
            <Text size="sm">{t.sameCertificate}</Text>
            <Radio.Group value={chosen?.cert.id ?? null} onChange={setChosenId}>
              <Stack gap="xs">
                {present.map(({ cert }) => (
                  <CertificateOption key={cert.id} cert={cert} />
                ))}
              </Stack>
            </Radio.Group>
            {!same ? (
              <Text size="sm" c="orange.8">
                {t.otherCertificateHint}
              </Text>
            ) : null}
          </>
        )}
        {chosen ? (
          <LoginPanel
            key={chosen.cert.id}
            token={chosen.token}
            cert={chosen.cert}
            method="auth.resume"
            submitLabel={t.resumeButton}
            onCancel={() => setChosenId(null)}
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="subtle" color="red" onClick={() => void call('auth.logout', {})}>
            {t.logout}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
