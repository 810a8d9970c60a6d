import type { ReactNode } from 'react';
import { Group } from '@mantine/core';

/** Fields side by side in equal columns when `row` is set, else left to stack in the form. */
export function FieldRow({ row = true, children }: { row?: boolean; children: ReactNode }) {
  return row ? (
    <Group grow align="flex-start">
      {children}
    </Group>
  ) : (
    <>{children}</>
  );
}
