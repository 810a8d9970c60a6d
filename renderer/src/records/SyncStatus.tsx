// The compact sync area of the header: state, last sync, pending count, a progress bar while
// pushing, and why the outbox waits or when it will retry.
import { useEffect, useState } from 'react';
import { Badge, Button, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { SyncStatus as Status } from '../../../electron/contract/views-sync';
import { ui } from '../../../domain/ui-text';
import { call, subscribe } from '../api/client';

const t = ui.sync;

const colors: Record<Status['state'], string> = {
  idle: 'teal',
  syncing: 'blue',
  waiting: 'yellow',
  offline: 'gray',
  maintenance: 'orange',
  error: 'red',
};

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString('zh-CN', { hour12: false });
}

/** The sentence that explains the state, if it needs one. */
export function syncExplanation(status: Status): string | null {
  if (status.state === 'maintenance' && status.maintenanceUntil) {
    return t.maintenanceUntil(clock(status.maintenanceUntil));
  }
  if (status.state === 'waiting' && status.waitingReason)
    return t.waitingReason[status.waitingReason];
  if ((status.state === 'offline' || status.state === 'error') && status.nextRetryAt) {
    return `${status.lastError?.message ?? ''}${t.retryAt(clock(status.nextRetryAt))}`;
  }
  return null;
}

export function SyncStatus() {
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const off = subscribe('sync.status', setStatus);
    void call('sync.status', {}).then(setStatus, () => undefined);
    return off;
  }, []);

  if (!status) return null;
  const explanation = syncExplanation(status);
  const progress = status.progress;
  return (
    <Group gap="xs" wrap="nowrap" data-testid="sync-status" data-sync-state={status.state}>
      <Tooltip label={explanation ?? ''} disabled={!explanation} multiline w={320}>
        <Badge color={colors[status.state]} variant="filled">
          {t[status.state]}
        </Badge>
      </Tooltip>
      <Stack gap={0}>
        <Text size="xs" c="white" data-testid="sync-pending">
          {progress ? t.progress(progress.done, progress.total) : t.pending(status.pendingCount)}
        </Text>
        <Text size="xs" c="blue.1" data-testid="sync-last">
          {status.lastSyncAt ? t.lastSync(clock(status.lastSyncAt)) : t.neverSynced}
        </Text>
        {progress && progress.total > 0 ? (
          <Progress
            value={(progress.done / progress.total) * 100}
            size="xs"
            w={120}
            aria-label={t.progress(progress.done, progress.total)}
          />
        ) : null}
      </Stack>
      {explanation ? (
        <Text size="xs" c="yellow.2" maw={260} lineClamp={2} data-testid="sync-explanation">
          {explanation}
        </Text>
      ) : null}
      <Button
        size="compact-xs"
        variant="white"
        loading={busy}
        disabled={status.waitingReason === 'not-logged-in'}
        onClick={() => {
          setBusy(true);
          void call('sync.now', {})
            .then(setStatus, () => undefined)
            .finally(() => setBusy(false));
        }}
      >
        {t.syncNow}
      </Button>
    </Group>
  );
}
