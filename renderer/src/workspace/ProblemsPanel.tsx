// 问题列表: every finding of the last 数据校验, errors first; a click jumps to the cell.
import { Badge, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { fieldLabels } from '../../../domain/labels';
import { ui } from '../../../domain/ui-text';
import type { FindingView } from './model';

const t = ui.workspace;
const SHOWN = 300;

function labelOf(field: string): string {
  return (fieldLabels as Record<string, string>)[field] ?? field;
}

export function ProblemsPanel({
  findings,
  validated,
  onJump,
}: {
  findings: readonly FindingView[] | null;
  validated: boolean;
  onJump(rowNo: number, field: string): void;
}) {
  const errors = findings?.filter((f) => f.severity === 'error').length ?? 0;
  const warnings = (findings?.length ?? 0) - errors;
  const ordered = findings
    ? [...findings].sort((a, b) =>
        a.severity === b.severity ? a.row - b.row : a.severity === 'error' ? -1 : 1,
      )
    : [];
  return (
    <Stack gap={6} className="ws-problems" data-testid="problems-panel" h="100%">
      <Group justify="space-between" px="sm" pt="xs">
        <Text fw={600} size="sm">
          {t.problems}
        </Text>
        {findings ? (
          <Text size="xs" c={errors > 0 ? 'red.7' : 'dimmed'} data-testid="problems-summary">
            {t.problemsSummary(errors, warnings)}
          </Text>
        ) : null}
      </Group>
      {!validated || !findings ? (
        <Text size="sm" c="dimmed" px="sm">
          {t.notValidated}
        </Text>
      ) : findings.length === 0 ? (
        <Text size="sm" c="teal.8" px="sm" role="status" data-testid="validation-passed">
          {t.noProblems}
        </Text>
      ) : (
        <ScrollArea style={{ flex: 1 }} px="xs" type="auto">
          <Stack gap={2} pb="sm">
            {ordered.slice(0, SHOWN).map((f, i) => (
              <UnstyledButton
                key={`${f.rowNo}-${f.field}-${f.code}-${i}`}
                className="ws-problem"
                data-finding-code={f.code}
                data-row-no={f.rowNo}
                onClick={() => onJump(f.rowNo, f.field)}
              >
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Badge
                    size="xs"
                    radius="sm"
                    color={f.severity === 'error' ? 'red' : 'orange'}
                    variant="light"
                    style={{ flexShrink: 0, marginTop: 2 }}
                  >
                    {f.severity === 'error' ? t.severityError : t.severityWarning}
                  </Badge>
                  <div>
                    <Text size="xs" c="dimmed">
                      {t.rowLabel(f.row + 1)} · {labelOf(f.field)}
                    </Text>
                    <Text size="sm" lh={1.35}>
                      {f.message}
                    </Text>
                  </div>
                </Group>
              </UnstyledButton>
            ))}
            {ordered.length > SHOWN ? (
              <Text size="xs" c="dimmed" px={4}>
                {t.moreProblems(ordered.length - SHOWN)}
              </Text>
            ) : null}
          </Stack>
        </ScrollArea>
      )}
    </Stack>
  );
}
