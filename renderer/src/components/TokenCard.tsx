import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { CertificateView, TokenView } from '../../../electron/contract/views';
import { ui } from '../../../domain/ui-text';
import { CertificateOption } from './CertificateOption';

const t = ui.login;

/**
 * The certificates of a token grouped by whom they belong to: the unit's own certificates first,
 * then each person's (a person often has a signing and an encryption certificate).
 */
function byHolder(certs: readonly CertificateView[]): Array<[string, CertificateView[]]> {
  const groups = new Map<string, CertificateView[]>();
  const sorted = [...certs].sort((a, b) =>
    a.kind !== b.kind
      ? a.kind === 'unit'
        ? -1
        : 1
      : a.holderName.localeCompare(b.holderName, 'zh-CN'),
  );
  for (const c of sorted) {
    const key = c.kind === 'unit' ? `unit:${c.uscc ?? c.holderName}` : `person:${c.holderName}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()];
}

/** A token as the clerk recognises it: its label, its vendor, and the certificates on it. */
export function TokenCard({ token }: { token: TokenView }) {
  const groups = byHolder(token.certificates);
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
          {groups.map(([key, certs]) => (
            <Stack key={key} gap={4} data-holder-group={key}>
              {groups.length > 1 || certs.length > 1 ? (
                <Text size="xs" c="dimmed" fw={600}>
                  {certs[0]!.kind === 'unit'
                    ? ui.loginCertificates.unitCertificates
                    : ui.loginCertificates.personCertificates(certs[0]!.holderName, certs.length)}
                </Text>
              ) : null}
              {certs.map((cert) => (
                <CertificateOption key={cert.id} cert={cert} />
              ))}
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  );
}
