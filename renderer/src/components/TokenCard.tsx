import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { TokenView } from '../../../electron/contract/views';
import { ui } from '../../../domain/ui-text';
import { CertificateOption } from './CertificateOption';

const t = ui.login;

/** A token as the clerk recognises it: its label, its vendor, and the certificates on it. */
export function TokenCard({ token }: { token: TokenView }) {
  return (
    <Card withBorder padding="md" data-token-label={token.label}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="xs">
          <Text fw={700}>{token.label}</Text>
          {token.isDemo ? <Badge color="yellow">{t.demoBadge}</Badge> : null}
        </Group>
        <Text size="xs" c="dimmed" ta="right">
          {t.vendor}：{token.vendor} {token.product} · {ui.sm2.interface}：
          {ui.sm2.interfaceNames[token.api]} · {t.serial}：{token.serial}
        </Text>
      </Group>
      {token.certificates.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.noUsableCertificate}
        </Text>
      ) : (
        <Stack gap="xs">
          {token.certificates.map((cert) => (
            <CertificateOption key={cert.id} cert={cert} />
          ))}
        </Stack>
      )}
    </Card>
  );
}
