import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { SessionView, TokenSnapshot } from '../../../electron/contract/views';
import { formatDay } from '../../../domain/certificate-status';
import { ui } from '../../../domain/ui-text';
import { call } from '../api/client';
import { isSelectable } from './CertificateOption';
import { LoginPanel } from './LoginPanel';

const t = ui.lock;

/**
 * Shown over whatever the clerk was doing when the session's U盾 was pulled out. The screen
 * below stays mounted, so unsaved text stays exactly where it was. Only the certificate the
 * session was opened with can unlock it.
 */
export function SessionLock({
  session,
  snapshot,
}: {
  session: SessionView;
  snapshot: TokenSnapshot;
}) {
  const present = snapshot.tokens.flatMap((token) =>
    token.certificates.filter(isSelectable).map((cert) => ({ token, cert })),
  );
  const { certificate } = session;
  // Only a U盾 session locks: the others hold no token to pull out.
  if (!certificate) return null;
  const same = present.find((p) => p.cert.sha256 === certificate.sha256);

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
    >
      <Stack gap="sm">
        <Text fw={600}>{t.who(session.person.name, session.currentUnit?.name ?? '')}</Text>
        <Text size="sm">{t.body}</Text>
        <Text size="sm" c="dimmed">
          {t.expected(certificate.holderName, formatDay(certificate.notAfter))}
        </Text>
        {same ? (
          <>
            <Text size="sm">{t.enterPin}</Text>
            <LoginPanel
              key={same.cert.id}
              token={same.token}
              cert={same.cert}
              method="auth.resume"
              submitLabel={t.resumeButton}
            />
          </>
        ) : present.length > 0 ? (
          <Alert color="orange" role="alert" data-error-code="RESUME_OTHER_CERTIFICATE">
            {t.otherCertificate(certificate.holderName)}
          </Alert>
        ) : (
          <Alert color="blue" variant="light" role="status">
            {t.waiting}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="subtle" color="red" onClick={() => void call('auth.logout', {})}>
            {t.logout}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
