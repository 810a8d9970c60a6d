// The version and what the updater is doing, in one line; a downloaded version is a notice only.
import { useEffect, useState } from 'react';
import { Anchor, Group, Text } from '@mantine/core';
import type { UpdateStatusView } from '../../../electron/contract/views-it';
import { ui } from '../../../domain/ui-text';
import { call, subscribe } from '../api/client';

const t = ui.it.updates;

export function updateStateText(status: UpdateStatusView): string {
  const version = status.latestVersion ?? '';
  switch (status.state) {
    case 'downloading':
      return t.state.downloading(version);
    case 'held':
      return t.state.held(version);
    case 'ready':
      return t.state.ready(version);
    default:
      return t.state[status.state];
  }
}

export function UpdateStatusLine() {
  const [status, setStatus] = useState<UpdateStatusView | null>(null);
  useEffect(() => {
    const off = subscribe('updates.status', setStatus);
    void call('updates.status', {}).then(setStatus, () => undefined);
    return off;
  }, []);
  if (!status) return null;
  return (
    <Group gap="xs" data-update-state={status.state}>
      <Text size="sm" c="dimmed">
        {t.current(status.currentVersion)}，{updateStateText(status)}
      </Text>
      {status.state !== 'disabled' && status.state !== 'ready' ? (
        <Anchor component="button" size="sm" onClick={() => void call('updates.check', {})}>
          {t.check}
        </Anchor>
      ) : null}
    </Group>
  );
}
