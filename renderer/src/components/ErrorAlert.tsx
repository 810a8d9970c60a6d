import { Alert, Text } from '@mantine/core';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';

/** An error as a person reads it: what happened, then what to do. The code is for support. */
export function ErrorAlert({ error, onClose }: { error: ErrorInfo; onClose?: () => void }) {
  return (
    <Alert
      color="red"
      variant="light"
      title={error.message}
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      data-error-code={error.code}
      role="alert"
    >
      {error.action ? (
        <Text size="sm">
          {ui.common.whatToDo}
          {error.action}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed" mt={4} data-testid="error-detail">
        {ui.support.detail}
        {error.code}
      </Text>
    </Alert>
  );
}
