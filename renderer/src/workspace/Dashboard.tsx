// 工作台: who is working for which unit, and where the unit's declarations stand.
import { useEffect, useState, type ReactNode } from 'react';
import { Badge, Card, Group, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { SessionView } from '../../../electron/contract/views';
import { formatDay } from '../../../domain/certificate-status';
import { declarationKindLabels } from '../../../domain/labels';
import { ui } from '../../../domain/ui-text';
import { declarationKinds } from '../../../domain/declaration-kind';
import type { DeclarationKind, DeclarationSummary, WorkspaceBackend } from './model';

const t = ui.home;
const w = ui.workspace;
const kinds: readonly DeclarationKind[] = declarationKinds;

export function Dashboard({
  backend,
  session,
  version,
  onGo,
  children,
}: {
  backend: WorkspaceBackend;
  session: SessionView;
  version: number;
  onGo(kind: DeclarationKind): void;
  children?: ReactNode;
}) {
  const unit = session.currentUnit!;
  const cert = session.certificate;
  const role = unit.role === 'legal' ? ui.units.roleLegal : ui.units.roleAgent;
  const [list, setList] = useState<DeclarationSummary[]>([]);

  useEffect(() => {
    backend
      .call('workspace.list', { unitNo: unit.unitNo })
      .then((r) => setList(r.declarations))
      .catch(() => setList([]));
  }, [backend, unit.unitNo, version]);

  return (
    <Stack gap="md" p="lg" maw={1100}>
      <Title order={2}>{t.welcome(session.person.name)}</Title>
      {children}
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm">
            {ui.units.unitNo}：{unit.unitNo}
          </Text>
          <Text size="sm">
            {t.uscc}：{unit.uscc}
          </Text>
          <Text size="sm">
            {t.role}：{role}
          </Text>
          {cert ? (
            <Text size="sm">
              {t.certificate}：{cert.holderName}（{ui.login.validUntil(formatDay(cert.notAfter))}）
            </Text>
          ) : null}
          <Text size="sm" c="dimmed">
            {t.sessionUntil(new Date(session.expiresAt).toLocaleString('zh-CN', { hour12: false }))}
          </Text>
        </SimpleGrid>
      </Card>
      <Text fw={600}>{w.dashboardTitle}</Text>
      <SimpleGrid cols={4} spacing="sm">
        {kinds.map((kind) => {
          const mine = list.filter((d) => d.kind === kind);
          const count = (s: DeclarationSummary['state']) =>
            mine.filter((d) => d.state === s).length;
          return (
            <UnstyledButton key={kind} onClick={() => onGo(kind)}>
              <Card withBorder padding="sm" h="100%">
                <Text fw={600}>{declarationKindLabels[kind]}</Text>
                <Group gap={4} mt={6}>
                  <Badge variant="light" color="gray">
                    {w.drafts(count('draft'))}
                  </Badge>
                  <Badge variant="light" color="yellow">
                    {w.queued(count('queued'))}
                  </Badge>
                  {count('returned') > 0 ? (
                    <Badge variant="light" color="red">
                      {w.returned(count('returned'))}
                    </Badge>
                  ) : null}
                </Group>
              </Card>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {w.dashboardHint}
      </Text>
    </Stack>
  );
}
