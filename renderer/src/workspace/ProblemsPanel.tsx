// 问题列表: the findings of the last 数据校验, grouped by column and kind with their counts (e.g.
// "用工形式 值不可识别 “正式” ×920"); a group whose cells one value can fix has 替换为… / 填为…,
// applied as one undo step. The per-row list is one switch away; a click jumps to the cell.
import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  NativeSelect,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { fieldLabels } from '../../../domain/labels';
import { ui } from '../../../domain/ui-text';
import type { FindingView } from './model';
import { canFixByValue, type ProblemGroup } from './problem-groups';

const t = ui.workspace;
const d = ui.workspaceData;
const SHOWN = 300;

function labelOf(field: string, group: ProblemGroup | null = null): string {
  if (group?.column) return group.column.label.replace(/（元）$/, '');
  return (fieldLabels as Record<string, string>)[field] ?? field;
}

function nameOf(g: ProblemGroup): string {
  const problem = d.problemNames[g.code];
  if (problem) return `${labelOf(g.field, g)} ${problem}`;
  return g.message;
}

export function ProblemsPanel({
  findings,
  groups,
  validated,
  editable,
  onJump,
  onFix,
}: {
  findings: readonly FindingView[] | null;
  groups: readonly ProblemGroup[];
  validated: boolean;
  editable: boolean;
  onJump(rowNo: number, field: string): void;
  onFix(group: ProblemGroup, text: string): void;
}) {
  const [mode, setMode] = useState<'groups' | 'rows'>('groups');
  const errors = findings?.filter((f) => f.severity === 'error').length ?? 0;
  const warnings = (findings?.length ?? 0) - errors;
  const ordered = findings
    ? [...findings].sort((a, b) =>
        a.severity === b.severity ? a.row - b.row : a.severity === 'error' ? -1 : 1,
      )
    : [];
  return (
    <Stack gap={6} className="ws-problems" data-testid="problems-panel" h="100%">
      <Group justify="space-between" px="sm" pt="xs" wrap="nowrap">
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
        <>
          <SegmentedControl
            size="xs"
            mx="sm"
            value={mode}
            onChange={(v) => setMode(v === 'rows' ? 'rows' : 'groups')}
            data={[
              { value: 'groups', label: d.groupsTitle },
              { value: 'rows', label: d.byRow },
            ]}
          />
          <ScrollArea style={{ flex: 1 }} px="xs" type="auto">
            {mode === 'groups' ? (
              <Stack gap={4} pb="sm" data-testid="problem-groups">
                {groups.map((g) => (
                  <GroupItem
                    key={g.key}
                    group={g}
                    editable={editable}
                    onJump={onJump}
                    onFix={onFix}
                  />
                ))}
                {editable ? (
                  <Text size="xs" c="dimmed" px={4}>
                    {d.undoHint}
                  </Text>
                ) : null}
              </Stack>
            ) : (
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
                      <SeverityBadge severity={f.severity} />
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
                    {d.moreIssues(ordered.length - SHOWN)}
                  </Text>
                ) : null}
              </Stack>
            )}
          </ScrollArea>
        </>
      )}
    </Stack>
  );
}

function SeverityBadge({ severity }: { severity: 'error' | 'warning' }) {
  return (
    <Badge
      size="xs"
      radius="sm"
      color={severity === 'error' ? 'red' : 'orange'}
      variant="light"
      style={{ flexShrink: 0, marginTop: 2 }}
    >
      {severity === 'error' ? t.severityError : t.severityWarning}
    </Badge>
  );
}

function GroupItem({
  group: g,
  editable,
  onJump,
  onFix,
}: {
  group: ProblemGroup;
  editable: boolean;
  onJump(rowNo: number, field: string): void;
  onFix(group: ProblemGroup, text: string): void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const fixable = editable && canFixByValue(g);
  const choices = g.column?.choices;
  const label = labelOf(g.field, g);
  return (
    <div
      className="ws-problem-group"
      data-testid="problem-group"
      data-finding-code={g.code}
      data-field={g.field}
      data-count={g.rowNos.length}
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        <SeverityBadge severity={g.severity} />
        <UnstyledButton
          style={{ flex: 1, minWidth: 0 }}
          onClick={() => onJump(g.rowNos[0]!, g.field)}
          title={`${g.message}${g.action ? `\n${g.action}` : ''}`}
        >
          <Text size="sm" lh={1.35} fw={500}>
            {nameOf(g)}
            {g.kept !== null ? ` ${d.keptValue(g.kept)}` : ''}{' '}
            <Text span c="dimmed" size="sm">
              ×{g.rowNos.length}
            </Text>
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {g.action}
          </Text>
        </UnstyledButton>
      </Group>
      {fixable ? (
        open ? (
          <Group gap={4} mt={4} wrap="nowrap" pl={36}>
            {choices ? (
              <NativeSelect
                size="xs"
                aria-label={d.replaceTitle(label, g.kept ?? '')}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                data={[
                  { value: '', label: '' },
                  ...choices.map((c) => ({ value: c.label, label: c.label })),
                ]}
                style={{ flex: 1 }}
              />
            ) : (
              <TextInput
                size="xs"
                aria-label={d.replaceTitle(label, g.kept ?? '')}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                style={{ flex: 1 }}
                data-autofocus
              />
            )}
            <Button
              size="compact-xs"
              disabled={text.trim() === ''}
              onClick={() => {
                onFix(g, text);
                setOpen(false);
                setText('');
              }}
            >
              {d.replaceApply(g.rowNos.length)}
            </Button>
          </Group>
        ) : (
          <Group gap={4} mt={2} pl={36}>
            <Button size="compact-xs" variant="light" onClick={() => setOpen(true)}>
              {g.code === 'FIELD_REQUIRED' || g.code === 'KINDS_NONE' ? d.fillWith : d.replaceWith}
            </Button>
          </Group>
        )
      ) : null}
    </div>
  );
}
