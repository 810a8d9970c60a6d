import { Button } from '@mantine/core';
import { ui } from '../../../domain/ui-text';
import { call } from '../api/client';
import { AppHeader } from './AppHeader';

/** The app header with only a 退出登录 button, for screens shown before the home opens. */
export function LogoutHeader() {
  return (
    <AppHeader>
      <Button variant="white" size="xs" onClick={() => void call('auth.logout', {})}>
        {ui.home.logout}
      </Button>
    </AppHeader>
  );
}
