// One declaration open in the grid: toolbar, grid, problems panel, import wizard. Every edit goes
// to the store at once (autosave) and in order; the grid shows the store's answer.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { ui } from '../../../domain/ui-text';
import type { ErrorInfo } from '../../../domain/errors';
import { errorOf } from './errors';
import { ErrorAlert } from '../components/ErrorAlert';
import type { DraftRow, FieldContext } from '../../../domain/declarations/field-table';
import { columnsByKind, emptyRow } from './columns';
import { rowsFromBulk } from './bulk';
import { saveFile } from './files';
import { GridSearch } from './GridSearch';
import { DeclarationGrid, indexFindings, type GridHandle } from './grid/DeclarationGrid';
import { ImportWizard } from './ImportWizard';
import { ProblemsPanel } from './ProblemsPanel';
import { SetColumnButton } from './SetColumnButton';
import { groupProblems, type ProblemGroup } from './problem-groups';
import { setColumn } from './grid/operations';
import { totalsOf } from './totals';
import {
  draftOf,
  type DeclarationSummary,
  type EditBatch,
  type EditOutcome,
  type FindingView,
  type GridRow,
  type WorkspaceBackend,
} from './model';

const t = ui.workspace;
const FIRST_PAGE = 200;
/** Inline marks refresh by themselves after edits on batches up to this size. */
const AUTO_VALIDATE_MAX_ROWS = 20_000;

function timeNow(): string {
  return new Date().toLocaleTimeString('zh-CN', { hour12: false });
}

/** Marks when the grid first painted rows (after the commit, after the next frame). */
function markFirstPaint(): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark('ws-grid-first-paint');
      document.body.dataset.gridPainted = 'true';
    }, 0),
  );
}

export function DeclarationEditor({
  backend,
  declarationId,
  onBack,
  onChanged,
}: {
  backend: WorkspaceBackend;
  declarationId: string;
  onBack(): void;
  onChanged(): void;
}) {
  const [declaration, setDeclaration] = useState<DeclarationSummary | null>(null);
  const [rows, setRowsState] = useState<GridRow[]>([]);
  const rowsRef = useRef<GridRow[]>([]);
  const setRows = useCallback((next: GridRow[]) => {
    rowsRef.current = next;
    setRowsState(next);
  }, []);
  const [total, setTotal] = useState(0);
  const [context, setContext] = useState<FieldContext>({ regionCode: null });
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [findings, setFindings] = useState<FindingView[] | null>(null);
  const [validated, setValidated] = useState(false);
  const [saving, setSaving] = useState(0);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [confirmChecked, setConfirmChecked] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const grid = useRef<GridHandle>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const validateTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loadSeq = useRef(0);

  const load = useCallback(async () => {
    const seq = ++loadSeq.current;
    try {
      const opened = await backend.call('workspace.open', {
        declarationId,
        firstPage: FIRST_PAGE,
      });
      if (seq !== loadSeq.current) return;
      setDeclaration(opened.declaration);
      setContext({
        regionCode: opened.region && opened.region.match !== 'national' ? opened.region.code : null,
      });
      setRows(opened.rows);
      setTotal(opened.total);
      setCanUndo(opened.canUndo);
      setCanRedo(opened.canRedo);
      if (opened.total > opened.rows.length) {
        const bulk = await backend.call('workspace.rowsBulk', { declarationId });
        if (seq !== loadSeq.current) return;
        setRows(rowsFromBulk(bulk));
      }
    } catch (e) {
      setError(errorOf(e));
    }
  }, [backend, declarationId, setRows]);

  useEffect(() => {
    // Loads after the first render; a newer load (or unmount) makes this one's answer stale.
    void Promise.resolve().then(load);
    const counter = loadSeq;
    return () => {
      counter.current++;
    };
  }, [load]);

  // After 提交申报 the state follows the sync (待上传 → 已上传 → 审核中 → 已通过) by itself.
  const submittedState = declaration && declaration.state !== 'draft' ? declaration.state : null;
  useEffect(() => {
    if (!submittedState || !declaration) return;
    const unitNo = declaration.unitNo;
    return backend.onSynced(() => {
      backend
        .call('workspace.list', { unitNo })
        .then(({ declarations }) => {
          const now = declarations.find((x) => x.id === declarationId);
          if (now) setDeclaration(now);
        })
        .catch(() => undefined); // the next round tries again
    });
  }, [backend, declarationId, submittedState, declaration]);

  const painted = rows.length > 0 || declaration !== null;
  useEffect(() => {
    if (painted) markFirstPaint();
  }, [painted]);

  const kind = declaration?.kind ?? 'addition';
  const editable = declaration?.state === 'draft' && kind !== 'monthly';
  const specs = columnsByKind[kind];
  const blank = useMemo<DraftRow | null>(
    () => (kind === 'monthly' ? null : emptyRow(kind)),
    [kind],
  );
  const loadedAll = rows.length >= total;
  const findingIndex = useMemo(() => indexFindings(findings ?? []), [findings]);
  const totals = useMemo(() => totalsOf(kind, rows), [kind, rows]);
  const rowByNo = useMemo(() => new Map(rows.map((r) => [r.rowNo, r])), [rows]);
  const groups = useMemo(
    () => groupProblems(findings ?? [], rowByNo, specs),
    [findings, rowByNo, specs],
  );
  const errorCount = findings?.filter((f) => f.severity === 'error').length ?? 0;
  const warningCount = (findings?.length ?? 0) - errorCount;

  const runValidation = useCallback(async () => {
    try {
      const result = await backend.call('workspace.validate', { declarationId });
      setFindings(result.findings);
      setValidated(true);
      return result;
    } catch (e) {
      setError(errorOf(e));
      return null;
    }
  }, [backend, declarationId]);

  const scheduleValidation = useCallback(
    (rowCount: number) => {
      if (!validated && rowCount > AUTO_VALIDATE_MAX_ROWS) return;
      if (rowCount > AUTO_VALIDATE_MAX_ROWS) return;
      if (validateTimer.current) clearTimeout(validateTimer.current);
      validateTimer.current = setTimeout(() => void runValidation(), 600);
    },
    [validated, runValidation],
  );

  useEffect(
    () => () => {
      if (validateTimer.current) clearTimeout(validateTimer.current);
    },
    [],
  );

  const applyOutcome = useCallback(
    (outcome: EditOutcome) => {
      setCanUndo(outcome.canUndo);
      setCanRedo(outcome.canRedo);
      if (outcome.rejected.length > 0) setNotice(t.unparsable(outcome.rejected.length));
      if (outcome.renumbered) {
        void load();
        return;
      }
      {
        const old = rowsRef.current;
        const removed = new Set(outcome.removedRowNos);
        const changed = new Map(outcome.rows.map((r) => [r.rowNo, r]));
        const next: GridRow[] = [];
        for (const r of old) {
          if (removed.has(r.rowNo)) continue;
          const c = changed.get(r.rowNo);
          if (c) {
            next.push(c);
            changed.delete(r.rowNo);
          } else next.push(r);
        }
        // Rows the store added (appends, undone deletes) take their place by row number.
        if (changed.size > 0) {
          next.push(...changed.values());
          next.sort((a, b) => a.rowNo - b.rowNo);
        }
        setRows(next);
        setTotal(next.length);
        scheduleValidation(next.length);
      }
      setSavedAt(timeNow());
      onChanged();
    },
    [load, scheduleValidation, onChanged, setRows],
  );

  /** Runs store calls one after another, so edits land in the order they were made. */
  const enqueue = useCallback(
    (work: () => Promise<EditOutcome>) => {
      setSaving((n) => n + 1);
      const next = queue.current.then(async () => {
        try {
          applyOutcome(await work());
          setError(null);
        } catch (e) {
          setError(errorOf(e));
          setNotice(t.saveFailed);
        } finally {
          setSaving((n) => n - 1);
        }
      });
      queue.current = next;
      return next;
    },
    [applyOutcome],
  );

  const onEdit = useCallback(
    (batch: EditBatch) => {
      // Show the change at once; the store's answer confirms it.
      if (batch.changes.length > 0) {
        const changed = new Map(batch.changes.map((c) => [c.rowNo, c]));
        setRows(rowsRef.current.map((r) => changed.get(r.rowNo) ?? r));
      }
      void enqueue(() =>
        backend.call('workspace.edit', {
          declarationId,
          changes: batch.changes.map((c) => ({ rowNo: c.rowNo, data: draftOf(c.data) })),
          appends: batch.appends.map(draftOf),
        }),
      );
    },
    [backend, declarationId, enqueue, setRows],
  );

  const undo = useCallback(
    () => void enqueue(() => backend.call('workspace.undo', { declarationId })),
    [backend, declarationId, enqueue],
  );
  const redo = useCallback(
    () => void enqueue(() => backend.call('workspace.redo', { declarationId })),
    [backend, declarationId, enqueue],
  );

  async function validateNow() {
    await queue.current;
    await runValidation();
  }

  async function submit(confirmWarnings: boolean) {
    await queue.current;
    const result = await runValidation();
    if (!result) return;
    if (result.errorCount > 0) return;
    if (result.warningCount > 0 && !confirmWarnings) {
      setConfirmChecked(false);
      setConfirmOpen(true);
      return;
    }
    setSubmitting(true);
    try {
      const done = await backend.call('workspace.submit', { declarationId, confirmWarnings });
      setDeclaration(done.declaration);
      setConfirmOpen(false);
      setNotice(t.submitted);
      onChanged();
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setSubmitting(false);
    }
  }

  async function exportXlsx() {
    try {
      saveFile(await backend.call('workspace.export', { declarationId }));
    } catch (e) {
      setError(errorOf(e));
    }
  }

  const jump = useCallback((rowNo: number, field: string) => {
    grid.current?.jumpTo(rowNo, field);
  }, []);

  /** A group fix: one value into the group's cells, one undo step. */
  const fixGroup = useCallback(
    (group: ProblemGroup, text: string) => {
      if (!group.column) return;
      const targets = group.rowNos.flatMap((n) => {
        const r = rowByNo.get(n);
        return r ? [r] : [];
      });
      const result = setColumn(targets, group.column, text, context);
      if (result.batch.changes.length === 0) return;
      onEdit(result.batch);
      setNotice(
        result.rejected > 0
          ? ui.workspaceData.kept(result.rejected)
          : ui.workspaceData.fixed(result.cells),
      );
    },
    [rowByNo, context, onEdit],
  );

  if (!declaration) {
    return <Stack p="lg">{error ? <ErrorAlert error={error} /> : <Loader size="sm" />}</Stack>;
  }

  const submitBlocked = validated && errorCount > 0;
  return (
    <Stack gap={6} h="100%" p="sm" style={{ minHeight: 0 }}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Button variant="subtle" size="xs" onClick={onBack}>
            ← {t.backToList}
          </Button>
          <Text fw={600} data-testid="declaration-title" data-declaration-id={declaration.id}>
            {declaration.title}
          </Text>
          <Badge
            variant="light"
            color={
              declaration.state === 'draft'
                ? 'gray'
                : declaration.state === 'approved'
                  ? 'teal'
                  : declaration.state === 'returned'
                    ? 'red'
                    : 'blue'
            }
            data-testid="declaration-state"
          >
            {t.states[declaration.state]}
          </Badge>
          <Text size="xs" c="dimmed" data-testid="save-status" aria-live="polite">
            {saving > 0 ? t.saving : savedAt ? t.autosaved(savedAt) : ''}
          </Text>
          {!loadedAll ? (
            <Text size="xs" c="dimmed">
              {t.loadingRows(rows.length, total)}
            </Text>
          ) : null}
        </Group>
        <Group gap={6} wrap="nowrap">
          {editable ? (
            <>
              <Button variant="default" size="xs" onClick={undo} disabled={!canUndo}>
                {t.undo}
              </Button>
              <Button variant="default" size="xs" onClick={redo} disabled={!canRedo}>
                {t.redo}
              </Button>
              <Button variant="default" size="xs" onClick={() => setImportOpen(true)}>
                {t.importExcel}
              </Button>
            </>
          ) : null}
          <Button variant="default" size="xs" onClick={() => void exportXlsx()}>
            {t.exportExcel}
          </Button>
          <Button
            variant="light"
            size="xs"
            onClick={() => void validateNow()}
            disabled={!loadedAll}
          >
            {t.validate}
          </Button>
          {declaration.state === 'draft' ? (
            <Tooltip label={t.submitBlocked(errorCount)} disabled={!submitBlocked}>
              <Button
                size="xs"
                onClick={() => void submit(false)}
                disabled={submitBlocked || !loadedAll}
                loading={submitting}
              >
                {t.submit}
              </Button>
            </Tooltip>
          ) : null}
        </Group>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <GridSearch grid={grid} />
        {editable ? (
          <SetColumnButton
            grid={grid}
            onApply={(targets, column, text) => {
              const result = setColumn(targets, column, text, context);
              if (result.batch.changes.length > 0) onEdit(result.batch);
              setNotice(
                result.rejected > 0
                  ? ui.workspaceData.kept(result.rejected)
                  : ui.workspaceData.fixed(result.cells),
              );
            }}
          />
        ) : null}
        <Checkbox
          size="xs"
          label={t.onlyProblems}
          checked={onlyProblems}
          disabled={!validated}
          onChange={(e) => setOnlyProblems(e.currentTarget.checked)}
        />
        {editable ? (
          <Text size="xs" c="dimmed" className="ws-keys" data-testid="grid-keys">
            {ui.workspaceData.gridKeys}
          </Text>
        ) : null}
        {declaration.returnReason ? (
          <Text size="xs" c="red.7">
            {t.returnReason(declaration.returnReason)}
          </Text>
        ) : null}
      </Group>
      {error ? <ErrorAlert error={error} onClose={() => setError(null)} /> : null}
      {notice ? (
        <Alert
          color="blue"
          variant="light"
          p={6}
          withCloseButton
          onClose={() => setNotice(null)}
          data-testid="grid-notice"
        >
          <Text size="xs">{notice}</Text>
        </Alert>
      ) : null}
      {!editable ? (
        <Text size="xs" c="dimmed">
          {kind === 'monthly' ? t.monthlyNotice : t.readOnlyNotice}
        </Text>
      ) : null}
      <Group gap={8} align="stretch" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Box style={{ flex: 1, minWidth: 0, display: 'flex' }}>
          <DeclarationGrid
            ref={grid}
            label={declaration.title}
            columns={specs}
            rows={rows}
            findings={findingIndex}
            editable={editable}
            kind={kind === 'monthly' ? null : kind}
            context={context}
            blank={blank}
            totals={totals}
            onlyProblems={onlyProblems}
            onShowAllRows={() => setOnlyProblems(false)}
            onEdit={onEdit}
            onUndo={undo}
            onRedo={redo}
            onNotice={setNotice}
          />
        </Box>
        <Box
          w={220}
          style={{
            flexShrink: 0,
            border: '1px solid var(--mantine-color-gray-3)',
            borderRadius: 4,
            minHeight: 0,
          }}
        >
          <ProblemsPanel
            findings={findings}
            groups={groups}
            validated={validated}
            editable={editable}
            onJump={jump}
            onFix={fixGroup}
          />
        </Box>
      </Group>
      <ImportWizard
        backend={backend}
        declarationId={declarationId}
        opened={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={(n) => {
          setNotice(t.imported(n));
          setValidated(false);
          setFindings(null);
          // Check at once so the problems list shows what the file brought, grouped.
          void load().then(() => {
            if (rowsRef.current.length <= AUTO_VALIDATE_MAX_ROWS) void runValidation();
          });
          onChanged();
        }}
      />
      <Modal
        opened={confirmOpen}
        onClose={() => setConfirmOpen(false)}
        title={t.confirmTitle}
        centered
      >
        <Stack gap="sm">
          <Text size="sm">{t.confirmBody(warningCount)}</Text>
          <Checkbox
            label={t.confirmCheck}
            checked={confirmChecked}
            onChange={(e) => setConfirmChecked(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmOpen(false)}>
              {t.cancel}
            </Button>
            <Button
              disabled={!confirmChecked}
              loading={submitting}
              onClick={() => void submit(true)}
            >
              {t.confirmSubmit}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
