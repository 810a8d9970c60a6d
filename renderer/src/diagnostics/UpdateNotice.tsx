// A downloaded update is announced in a corner, once, and never takes over the window: it is
// installed when the app is closed, so whatever is being typed stays as it is.
import { useEffect, useState } from 'react';
import { Notification, Portal } from '@mantine/core';
import type { UpdateStatusView } from '../../../electron/contract/views-it';
import { subscribe } from '../api/client';

export function UpdateNotice() {
  const [notice, setNotice] = useState<UpdateStatusView['notice']>(null);
  useEffect(
    () =>
      subscribe('updates.status', (status) => {
        if (status.state === 'ready') setNotice(status.notice);
      }),
    [],
  );
  if (!notice) return null;
  return (
    <Portal>
      <Notification
        title={notice.message}
        onClose={() => setNotice(null)}
        color="blue"
        role="status"
        data-update-notice
        style={{ position: 'fixed', right: 16, bottom: 16, zIndex: 300, maxWidth: 420 }}
      >
        {notice.action}
      </Notification>
    </Portal>
  );
}
