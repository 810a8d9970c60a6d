import { useState } from 'react';
import { Box, NavLink, Stack } from '@mantine/core';
import type { SessionView } from '../../../electron/contract/views';
import { ui } from '../../../domain/ui-text';
import { userCenterSections } from './sections';

/** 用户中心: the person's own pages (account, password, authorizations, backup, self-check). */
export function UserCenter({ session }: { session: SessionView }) {
  const visible = userCenterSections.filter((s) => s.visible(session));
  const [current, setCurrent] = useState(visible[0]?.id ?? '');
  const section = visible.find((s) => s.id === current) ?? visible[0];
  return (
    <Box style={{ display: 'flex', height: '100%' }}>
      <Stack
        component="nav"
        aria-label={ui.userCenter.title}
        gap={2}
        p={6}
        w={148}
        style={{ flexShrink: 0, borderRight: '1px solid var(--mantine-color-gray-3)' }}
      >
        {visible.map((s) => (
          <NavLink
            key={s.id}
            label={s.label}
            active={s.id === section?.id}
            onClick={() => setCurrent(s.id)}
            data-user-center={s.id}
          />
        ))}
      </Stack>
      <Box p="md" style={{ flex: 1, minWidth: 0, overflow: 'auto' }}>
        {section?.render(session)}
      </Box>
    </Box>
  );
}
