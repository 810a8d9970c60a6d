import { Alert, Box } from '@mantine/core';
import type { SessionView } from '../../../electron/contract/views';
import { ui } from '../../../domain/ui-text';

/** Password and 电子社保卡 sessions prepare and read; 提交申报 needs the U盾's signature. */
export function SignatureNotice({ session }: { session: SessionView }) {
  if (session.method === 'cert') return null;
  return (
    <Box p="sm" pb={0}>
      <Alert color="yellow" title={ui.accounts.signature.title} data-testid="signature-notice">
        {ui.accounts.signature.body}
      </Alert>
    </Box>
  );
}
