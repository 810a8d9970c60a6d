import { useEffect, useState } from 'react';
import { Anchor, Box, Button, Group, Paper, Tabs } from '@mantine/core';
import { ui } from '../../../domain/ui-text';
import { ForgotPasswordForm } from './ForgotPasswordForm';
import { PasswordLoginForm } from './PasswordLoginForm';
import { QrLoginPanel } from './QrLoginPanel';
import { RegisterPersonForm } from './RegisterPersonForm';
import { RegisterUnitForm } from './RegisterUnitForm';

const t = ui.accounts;

type Page = 'login' | 'registerUnit' | 'registerPerson' | 'forgot';

/**
 * The ways in, as the portals offer them: U盾登录 (first; the login screen's certificate list,
 * shown while `onUkeyShown(true)`), 账号密码登录 and 电子社保卡扫码, with 单位注册 / 个人注册 /
 * 忘记密码 as guided forms.
 */
export function LoginTabs({ onUkeyShown }: { onUkeyShown(shown: boolean): void }) {
  const [page, setPage] = useState<Page>('login');
  const [tab, setTab] = useState<string | null>('ukey');
  const ukeyShown = page === 'login' && tab === 'ukey';
  useEffect(() => onUkeyShown(ukeyShown), [onUkeyShown, ukeyShown]);

  const links = (
    <Group gap="md" data-testid="account-links">
      {(['registerUnit', 'registerPerson', 'forgot'] as const).map((p) => (
        <Anchor key={p} component="button" type="button" size="sm" onClick={() => setPage(p)}>
          {t.links[p]}
        </Anchor>
      ))}
    </Group>
  );

  if (page !== 'login') {
    return (
      <Paper withBorder p="lg" data-account-page={page}>
        <Button variant="subtle" size="xs" mb="sm" onClick={() => setPage('login')}>
          ← {t.links.backToLogin}
        </Button>
        {page === 'registerUnit' ? (
          <RegisterUnitForm />
        ) : page === 'registerPerson' ? (
          <RegisterPersonForm />
        ) : (
          <ForgotPasswordForm />
        )}
      </Paper>
    );
  }

  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false}>
      <Group justify="space-between" align="flex-end" mb="md">
        <Tabs.List>
          <Tabs.Tab value="ukey">{t.tabs.ukey}</Tabs.Tab>
          <Tabs.Tab value="password">{t.tabs.password}</Tabs.Tab>
          <Tabs.Tab value="qr">{t.tabs.qr}</Tabs.Tab>
        </Tabs.List>
        {links}
      </Group>
      <Tabs.Panel value="password">
        <Box maw={420} mx="auto">
          <Paper withBorder p="lg" shadow="xs">
            <PasswordLoginForm />
          </Paper>
        </Box>
      </Tabs.Panel>
      <Tabs.Panel value="qr">
        <Box maw={420} mx="auto">
          <Paper withBorder p="lg" shadow="xs">
            <QrLoginPanel />
          </Paper>
        </Box>
      </Tabs.Panel>
    </Tabs>
  );
}
