// The login screen's way to 自检: a small link that opens the checks in a dialog.
import { useState } from 'react';
import { Anchor, Modal } from '@mantine/core';
import { ui } from '../../../domain/ui-text';
import { DiagnosticsPanel } from './DiagnosticsPanel';

const t = ui.it.diagnostics;

export function DiagnosticsLink() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Anchor component="button" size="sm" onClick={() => setOpen(true)} data-open="diagnostics">
        {t.linkOnLogin}
      </Anchor>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        size={960}
        aria-label={t.title}
        closeButtonProps={{ 'aria-label': t.close }}
        withinPortal
      >
        {open ? <DiagnosticsPanel /> : null}
      </Modal>
    </>
  );
}
