import type { FormEvent, ReactNode } from 'react';
import { Stack, Text, Title } from '@mantine/core';

/** The frame of an account form: its title, a line saying what it is for, then the fields. */
export function AccountFormFrame({
  testId,
  title,
  intro,
  onSubmit,
  gap = 'sm',
  maw = 520,
  children,
}: {
  testId: string;
  title: string;
  intro: string;
  onSubmit(event: FormEvent): void;
  gap?: 'xs' | 'sm';
  maw?: number;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} autoComplete="off" data-testid={testId}>
      <Stack gap={gap} maw={maw}>
        <Title order={3}>{title}</Title>
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
        {children}
      </Stack>
    </form>
  );
}
