import type { ReactNode } from 'react';
import { Group, Text } from '@mantine/core';
import { ui } from '../../../domain/ui-text';

export function AppHeader({ children }: { children?: ReactNode }) {
  return (
    <Group
      justify="space-between"
      px="lg"
      h={52}
      style={{
        borderBottom: '1px solid var(--mantine-color-gray-3)',
        background: 'var(--mantine-color-blue-7)',
      }}
    >
      <Group gap="xs">
        <Text fw={700} c="white" size="lg">
          {ui.appName}
        </Text>
        <Text c="blue.1" size="sm">
          {ui.appNameLatin}
        </Text>
      </Group>
      <Group gap="sm">{children}</Group>
    </Group>
  );
}
