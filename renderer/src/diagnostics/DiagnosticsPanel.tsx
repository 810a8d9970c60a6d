// 自检: every check with what to do, grouped the way the help desk asks; 导出诊断包 for the help
// desk. The same checks as `npm run doctor`.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { DiagnosticsReportView, FindingView } from '../../../electron/contract/views-it';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { ApiError, call } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { UpdateStatusLine } from './UpdateStatusLine';
import { saveTextFile } from './save-text-file';

const t = ui.it.diagnostics;
const AREAS: FindingView['area'][] = ['modules', 'tokens', 'clock', 'network', 'storage', 'app'];
const COLORS: Record<FindingView['severity'], string> = {
  ok: 'green',
  warning: 'orange',
  error: 'red',
};

function FindingRow({ finding }: { finding: FindingView }) {
  return (
    <Group
      gap="sm"
      align="flex-start"
      wrap="nowrap"
      data-finding={finding.code}
      data-severity={finding.severity}
    >
      <Badge color={COLORS[finding.severity]} variant="light" w={52} style={{ flexShrink: 0 }}>
        {t.severity[finding.severity]}
      </Badge>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text size="sm">{finding.message}</Text>
        {finding.severity !== 'ok' ? (
          <Text size="sm" c="dimmed">
            {t.whatToDo}
            {finding.action}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}

function Summary({ report }: { report: DiagnosticsReportView }) {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  const color = errors > 0 ? 'red' : warnings > 0 ? 'orange' : 'green';
  return (
    <Alert color={color} variant="light" role="status" data-diagnostics-summary={color}>
      <Text size="sm" fw={600}>
        {errors + warnings === 0 ? t.allOk : t.problems(errors, warnings)}
      </Text>
      <Text size="xs" c="dimmed">
        {t.checkedAt(new Date(report.at).toLocaleString('zh-CN', { hour12: false }))}
      </Text>
    </Alert>
  );
}

export function DiagnosticsPanel() {
  const [report, setReport] = useState<DiagnosticsReportView | null>(null);
  const [running, setRunning] = useState(true);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const finish = useCallback((result: DiagnosticsReportView | ErrorInfo) => {
    if ('findings' in result) setReport(result);
    else setError(result);
    setRunning(false);
  }, []);
  const check = useCallback(
    () =>
      call('diagnostics.run', {}).catch((e: unknown) => {
        if (e instanceof ApiError) return e.info;
        throw e;
      }),
    [],
  );

  const run = async () => {
    setRunning(true);
    setError(null);
    finish(await check());
  };

  // The first check runs as the page opens.
  useEffect(() => {
    let live = true;
    void check().then((result) => live && finish(result));
    return () => {
      live = false;
    };
  }, [check, finish]);

  const exportBundle = async () => {
    setError(null);
    try {
      const bundle = await call('diagnostics.exportBundle', {});
      saveTextFile(bundle.fileName, bundle.text);
      setSaved(bundle.fileName);
    } catch (e) {
      if (e instanceof ApiError) setError(e.info);
      else throw e;
    }
  };

  return (
    <Stack gap="sm" data-screen="diagnostics">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Title order={3}>{t.title}</Title>
          <Text size="sm" c="dimmed">
            {t.subtitle}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" onClick={() => void run()} loading={running}>
            {t.run}
          </Button>
          <Button onClick={() => void exportBundle()} disabled={running}>
            {t.exportBundle}
          </Button>
        </Group>
      </Group>
      {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
      {saved ? (
        <Alert color="blue" variant="light" withCloseButton onClose={() => setSaved(null)}>
          {t.bundleSaved(saved)}
        </Alert>
      ) : null}
      {!report ? (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          <Text size="sm">{t.running}</Text>
        </Group>
      ) : (
        <>
          <Summary report={report} />
          {AREAS.map((area) => {
            const findings = report.findings.filter((f) => f.area === area);
            if (findings.length === 0) return null;
            return (
              <Paper key={area} withBorder p="sm" data-area={area}>
                <Text fw={600} size="sm" mb={6}>
                  {t.areas[area]}
                </Text>
                <Stack gap={8}>
                  {findings.map((f, i) => (
                    <FindingRow key={`${f.code}-${i}`} finding={f} />
                  ))}
                  {area === 'app' ? <UpdateStatusLine /> : null}
                </Stack>
              </Paper>
            );
          })}
        </>
      )}
    </Stack>
  );
}
