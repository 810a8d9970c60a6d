import { Badge, Group, Radio, Stack, Text } from '@mantine/core';
import type { CertificateView } from '../../../electron/contract/views';
import { formatDay } from '../../../domain/certificate-status';
import { ui } from '../../../domain/ui-text';

const t = ui.login;

export function isSelectable(cert: CertificateView): boolean {
  return cert.status.kind === 'valid' || cert.status.kind === 'expiring';
}

function StatusBadge({ cert }: { cert: CertificateView }) {
  switch (cert.status.kind) {
    case 'expiring':
      return <Badge color="orange">{t.expiringBadge(cert.status.daysLeft)}</Badge>;
    case 'expired':
      return <Badge color="red">{t.expiredBadge}</Badge>;
    case 'not-yet-valid':
      return <Badge color="gray">{t.notYetValidBadge}</Badge>;
    default:
      return null;
  }
}

/** One certificate in the picker: who holds it, for which unit, from which CA, until when. */
export function CertificateOption({ cert }: { cert: CertificateView }) {
  const selectable = isSelectable(cert);
  const reason =
    cert.status.kind === 'expired'
      ? t.expiredReason(formatDay(cert.status.since))
      : cert.status.kind === 'not-yet-valid'
        ? t.notYetValidReason(formatDay(cert.status.from))
        : null;
  return (
    <Radio.Card
      value={cert.id}
      disabled={!selectable}
      p="sm"
      radius="md"
      aria-label={cert.holderName}
      data-cert-sha256={cert.sha256}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator disabled={!selectable} mt={4} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600}>{cert.holderName}</Text>
            <Badge variant="light" color={cert.kind === 'unit' ? 'grape' : 'blue'}>
              {cert.kind === 'unit' ? t.certKindUnit : t.certKindPerson}
            </Badge>
            <StatusBadge cert={cert} />
          </Group>
          {cert.unitName ? (
            <Text size="sm">
              {t.unit}：{cert.unitName}
            </Text>
          ) : null}
          {cert.uscc ? (
            <Text size="sm">
              {t.uscc}：{cert.uscc}
            </Text>
          ) : null}
          {cert.personIdMasked ? (
            <Text size="sm">
              {t.idNumber}：{cert.personIdMasked}
            </Text>
          ) : null}
          <Text size="sm" c="dimmed">
            {t.issuer}：{cert.issuer} · {t.validity}：
            {t.validityRange(formatDay(cert.notBefore), formatDay(cert.notAfter))} ·{' '}
            {ui.sm2.algorithm}：{cert.algorithm}
          </Text>
          {reason ? (
            <Text size="sm" c="red" role="note">
              {reason}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Radio.Card>
  );
}
