import type { FormEvent, ReactNode } from 'react';
import { Stack, Text, Title } from '@mantine/core';

/** The frame of an account form: its title, a line saying what it is for, then the fields. */
export function AccountFormFrame({
  testId,
  text,
  onSubmit,
  gap = 'sm',
  maw = 520,
  children,
}: {
  testId: string;
  text: { title: string; intro: string };
  onSubmit(event: FormEvent): void;
  gap?: 'xs' | 'sm';
  maw?: number;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} autoComplete="off" data-testid={testId}>
      <Stack gap={gap} maw={maw}>
        <Title order={3}>{text.title}</Title>
        <Text size="sm" c="dimmed">
          {text.intro}
        </Text>
        {children}
      </Stack>
    </form>
  );
}
