import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Box, Button, NavLink, Stack, Text } from '@mantine/core';
import type { SessionView } from '../../../electron/contract/views';
import { formatDay } from '../../../domain/certificate-status';
import { ui } from '../../../domain/ui-text';
import { call, subscribe } from '../api/client';
import { AppHeader } from '../components/AppHeader';
import { ErrorAlert } from '../components/ErrorAlert';
import { describeError } from '../../../domain/errors';
import { contractBackend } from '../workspace/contract-backend';
import { Dashboard } from '../workspace/Dashboard';
import { DeclarationEditor } from '../workspace/DeclarationEditor';
import { DeclarationList } from '../workspace/DeclarationList';
import { RosterScreen } from '../workspace/RosterScreen';
import type { DeclarationKind } from '../workspace/model';
import { RecordsScreen } from '../records/RecordsScreen';
import { SyncStatus } from '../records/SyncStatus';
import { UserCenter } from '../user-center/UserCenter';
import { SignatureNotice } from '../accounts/SignatureNotice';
import { GuidesScreen } from '../accounts/GuidesScreen';

const t = ui.home;
const w = ui.workspace;

type Section = 'dashboard' | 'guides' | DeclarationKind | 'roster' | 'records' | 'userCenter';
const sections: readonly Section[] = [
  'dashboard',
  'guides',
  'addition',
  'reduction',
  'base',
  'monthly',
  'roster',
  'records',
  'userCenter',
];

function isKind(s: Section): s is DeclarationKind {
  return s === 'addition' || s === 'reduction' || s === 'base' || s === 'monthly';
}

/** The unit's workspace frame: who works for which unit, the business sections, the way out. */
export function HomeShell({
  session,
  onSwitchUnit,
}: {
  session: SessionView;
  onSwitchUnit: () => void;
}) {
  const [section, setSection] = useState<Section>('dashboard');
  const [openId, setOpenId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  // Sync moves declarations on (已上传, 已通过, 被退回): the lists read them again after each sync.
  useEffect(() => {
    let last: string | null = null;
    return subscribe('sync.status', (status) => {
      if (status.state !== 'idle' || status.lastSyncAt === last) return;
      last = status.lastSyncAt;
      bump();
    });
  }, [bump]);
  const unit = session.currentUnit;
  if (!unit) return null;
  const role = unit.role === 'legal' ? ui.units.roleLegal : ui.units.roleAgent;
  const cert = session.certificate;

  function go(next: Section) {
    setSection(next);
    setOpenId(null);
  }

  let content;
  if (isKind(section)) {
    content = openId ? (
      <DeclarationEditor
        key={openId}
        backend={contractBackend}
        declarationId={openId}
        onBack={() => setOpenId(null)}
        onChanged={bump}
      />
    ) : (
      <DeclarationList
        backend={contractBackend}
        unitNo={unit.unitNo}
        kind={section}
        onOpen={setOpenId}
        version={version}
      />
    );
  } else if (section === 'roster') {
    content = <RosterScreen backend={contractBackend} unitNo={unit.unitNo} />;
  } else if (section === 'records') {
    content = (
      <RecordsScreen
        onEditDraft={(id, kind) => {
          setSection(kind);
          setOpenId(id);
        }}
      />
    );
  } else if (section === 'guides') {
    content = <GuidesScreen onStart={(kind) => go(kind)} />;
  } else if (section === 'userCenter') {
    content = <UserCenter session={session} />;
  } else {
    content = (
      <Dashboard
        backend={contractBackend}
        session={session}
        version={version}
        onGo={(kind) => go(kind)}
      >
        {cert?.status.kind === 'expiring' ? (
          <Alert color="orange" role="status">
            {ui.login.expiringAdvice(formatDay(cert.notAfter), cert.status.daysLeft)}
          </Alert>
        ) : null}
      </Dashboard>
    );
  }

  return (
    <Box style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <AppHeader>
        <SyncStatus />
        <Text c="white" size="sm" data-testid="current-unit">
          {unit.name}
        </Text>
        <Badge color={unit.role === 'legal' ? 'grape' : 'cyan'} variant="filled">
          {role}
        </Badge>
        <Text c="blue.1" size="sm">
          {session.person.name}
        </Text>
        {session.units.length > 1 ? (
          <Button variant="white" size="xs" onClick={onSwitchUnit}>
            {t.switchUnit}
          </Button>
        ) : null}
        <Button
          variant="outline"
          color="white"
          size="xs"
          c="white"
          onClick={() => void call('auth.logout', {})}
        >
          {t.logout}
        </Button>
      </AppHeader>
      <Box style={{ flex: 1, display: 'flex', minHeight: 0 }}>
        <Stack
          component="nav"
          aria-label={w.navLabel}
          gap={2}
          p={6}
          w={148}
          style={{
            flexShrink: 0,
            borderRight: '1px solid var(--mantine-color-gray-3)',
            background: 'var(--mantine-color-gray-0)',
          }}
        >
          {sections.map((s) => (
            <NavLink
              key={s}
              label={s === 'guides' ? ui.accounts.guides.nav : w.nav[s]}
              active={section === s}
              onClick={() => go(s)}
              aria-current={section === s ? 'page' : undefined}
              data-nav={s}
              styles={{ label: { fontSize: 14 } }}
            />
          ))}
        </Stack>
        <Box
          style={{
            flex: 1,
            minWidth: 0,
            minHeight: 0,
            overflow: openId || section === 'roster' ? 'hidden' : 'auto',
          }}
        >
          <SignatureNotice session={session} />
          {cert?.status.kind === 'expired' ? (
            // Expired mid-session: drafts stay editable, nothing new can be signed.
            <Box p="sm" pb={0}>
              <ErrorAlert
                error={describeError('CERT_EXPIRED_SESSION', { date: formatDay(cert.notAfter) })}
              />
            </Box>
          ) : null}
          {content}
        </Box>
      </Box>
    </Box>
  );
}
