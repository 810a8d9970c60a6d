// Import from Excel: choose a file → read it (progress) → preview with per-row problems, nothing
// written yet → 导入 appends the rows as one step. The error report downloads as xlsx.
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Progress,
  ScrollArea,
  Stack,
  Stepper,
  Table,
  Text,
} from '@mantine/core';
import { ui } from '../../../domain/ui-text';
import type { ErrorInfo } from '../../../domain/errors';
import { errorOf } from './errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { fileToBase64, saveFile } from './files';
import type { ImportPreview, ImportProgress, WorkspaceBackend } from './model';

const t = ui.workspace;
const d = ui.workspaceData;
const SHOWN_ISSUES = 500;

/** Errors before warnings, each in file order: what blocks comes first. */
function errorsFirst(issues: ImportPreview['issues']) {
  return [...issues].sort((a, b) =>
    a.severity !== b.severity ? (a.severity === 'error' ? -1 : 1) : a.row - b.row,
  );
}

/** The preview's problems by column and kind, biggest first (e.g. 用工形式 值不可识别 ×920). */
function issueGroups(preview: ImportPreview) {
  const groups = new Map<
    string,
    { key: string; label: string; severity: 'error' | 'warning'; count: number }
  >();
  for (const i of preview.issues) {
    const key = `${i.column}\u0000${i.code}`;
    const g = groups.get(key);
    if (g) g.count++;
    else
      groups.set(key, {
        key,
        label: `${i.column} ${d.problemNames[i.code] ?? i.message}`,
        severity: i.severity,
        count: 1,
      });
  }
  return [...groups.values()]
    .sort((a, b) =>
      a.severity !== b.severity ? (a.severity === 'error' ? -1 : 1) : b.count - a.count,
    )
    .slice(0, 10);
}

export function ImportWizard({
  backend,
  declarationId,
  opened,
  onClose,
  onImported,
}: {
  backend: WorkspaceBackend;
  declarationId: string;
  opened: boolean;
  onClose(): void;
  onImported(appended: number): void;
}) {
  const [step, setStep] = useState(0);
  const [fileName, setFileName] = useState('');
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const requestId = useRef('');

  useEffect(
    () =>
      backend.onImportProgress((p) => {
        if (p.requestId === requestId.current) setProgress(p);
      }),
    [backend],
  );

  function reset() {
    setStep(0);
    setPreview(null);
    setProgress(null);
    setError(null);
    setBusy(false);
  }

  async function choose(file: File | undefined) {
    if (!file) return;
    setError(null);
    setFileName(file.name);
    setStep(1);
    setProgress(null);
    requestId.current = `imp-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      const base64 = await fileToBase64(file);
      const result = await backend.call('workspace.importPreview', {
        declarationId,
        file: { fileName: file.name, base64 },
        requestId: requestId.current,
        rowLimit: 20,
      });
      setPreview(result);
      setStep(2);
    } catch (e) {
      setError(errorOf(e));
      setStep(0);
    }
  }

  async function commit(rows: 'all' | 'valid') {
    if (!preview) return;
    setBusy(true);
    try {
      const result = await backend.call('workspace.importCommit', {
        declarationId,
        previewId: preview.previewId,
        rows,
      });
      setStep(3);
      onImported(result.appended);
      reset();
      onClose();
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function downloadReport() {
    if (!preview) return;
    try {
      saveFile(await backend.call('workspace.importErrorReport', { previewId: preview.previewId }));
    } catch (e) {
      setError(errorOf(e));
    }
  }

  const percent =
    progress && progress.total ? Math.min(100, (progress.done / progress.total) * 100) : 100;
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <Modal
      opened={opened}
      onClose={() => {
        reset();
        onClose();
      }}
      title={t.importTitle}
      size="xl"
      centered
    >
      <Stack gap="md">
        <Stepper active={step} size="sm">
          {t.importSteps.map((label) => (
            <Stepper.Step key={label} label={label} />
          ))}
        </Stepper>
        {error ? <ErrorAlert error={error} /> : null}
        {step === 0 ? (
          <Stack gap="xs">
            <Text size="sm">{t.chooseFileHint}</Text>
            {/* The browser's own file button speaks the OS language: ours says it in Chinese. */}
            <input
              ref={fileInput}
              type="file"
              hidden
              data-testid="import-file"
              aria-label={t.chooseFile}
              accept=".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv"
              onChange={(e) => void choose(e.target.files?.[0])}
            />
            <Group gap="sm">
              <Button variant="default" onClick={() => fileInput.current?.click()}>
                {d.chooseFileButton}
              </Button>
              <Text size="sm" c="dimmed">
                {fileName || d.noFileChosen}
              </Text>
            </Group>
          </Stack>
        ) : null}
        {step === 1 ? (
          <Stack gap="xs">
            <Text size="sm">{t.reading(fileName)}</Text>
            <Progress
              value={percent}
              animated={!progress?.total}
              striped={!progress?.total}
              aria-label={t.reading(fileName)}
              data-testid="import-progress"
            />
            {progress ? (
              <Text size="xs" c="dimmed" data-testid="import-progress-text">
                {progress.total
                  ? d.checkRows(progress.done, progress.total)
                  : d.readRows(progress.done)}
              </Text>
            ) : null}
          </Stack>
        ) : null}
        {step === 2 && preview ? (
          <Stack gap="xs" data-testid="import-preview">
            <Text size="sm" fw={600} data-testid="import-summary">
              {d.previewCounts(
                preview.totalRows,
                preview.goodRows,
                preview.errorRows,
                preview.warningRows,
              )}
            </Text>
            <Group justify="space-between">
              <Group gap="xs">
                <Button variant="default" onClick={reset}>
                  {t.back}
                </Button>
                {preview.issues.length > 0 ? (
                  <Button variant="light" onClick={() => void downloadReport()}>
                    {t.downloadErrorReport}
                  </Button>
                ) : null}
              </Group>
              <Group gap="xs">
                {preview.errorRows > 0 && preview.totalRows > preview.errorRows ? (
                  <Button variant="default" onClick={() => void commit('valid')} loading={busy}>
                    {d.importReady(preview.totalRows - preview.errorRows)}
                  </Button>
                ) : null}
                <Button
                  onClick={() => void commit('all')}
                  loading={busy}
                  disabled={preview.totalRows === 0}
                  data-testid="import-commit"
                >
                  {d.importAll(preview.totalRows)}
                </Button>
              </Group>
            </Group>
            <Text size="xs" c="dimmed">
              {t.previewColumns(
                preview.mapping
                  .filter((m) => m.label)
                  .map((m) => `${m.header}→${m.label}`)
                  .join('，'),
              )}
            </Text>
            {preview.unrecognisedColumns.length > 0 ? (
              <Text size="xs" c="orange.8">
                {t.previewUnknown(preview.unrecognisedColumns.join('，'))}
              </Text>
            ) : null}
            {preview.issues.length > 0 ? (
              <>
                <Group gap={6} data-testid="import-groups">
                  {issueGroups(preview).map((g) => (
                    <Badge
                      key={g.key}
                      variant="light"
                      color={g.severity === 'error' ? 'red' : 'orange'}
                      radius="sm"
                      style={{ textTransform: 'none' }}
                    >
                      {g.label} ×{g.count}
                    </Badge>
                  ))}
                </Group>
                <Text size="sm" fw={600}>
                  {t.previewIssues}
                </Text>
                <ScrollArea h={200} type="auto">
                  <Table striped withTableBorder fz="xs" data-testid="import-issues">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={70}>{d.issueFileRow}</Table.Th>
                        <Table.Th w={70}>{d.issueGridRow}</Table.Th>
                        <Table.Th w={120}>{t.issueColumns.column}</Table.Th>
                        <Table.Th>{t.issueColumns.reason}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {errorsFirst(preview.issues)
                        .slice(0, SHOWN_ISSUES)
                        .map((issue, i) => (
                          <Table.Tr
                            key={`${issue.fileRow}-${issue.field}-${i}`}
                            data-file-row={issue.fileRow}
                            data-issue-code={issue.code}
                          >
                            <Table.Td>{issue.fileRow}</Table.Td>
                            <Table.Td>{preview.existingRows + issue.row + 1}</Table.Td>
                            <Table.Td>{issue.column}</Table.Td>
                            <Table.Td c={issue.severity === 'error' ? 'red.8' : 'orange.8'}>
                              {issue.message}
                              {issue.action ? (
                                <Text span size="xs" c="dimmed">
                                  {' '}
                                  {issue.action}
                                </Text>
                              ) : null}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea>
                {preview.issues.length > SHOWN_ISSUES ? (
                  <Text size="xs" c="dimmed">
                    {d.moreIssues(preview.issues.length - SHOWN_ISSUES)}
                  </Text>
                ) : null}
                <Alert color="blue" variant="light" p="xs">
                  <Text size="xs">{d.previewCommitNote(preview.errorRows)}</Text>
                </Alert>
              </>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Modal>
  );
}
