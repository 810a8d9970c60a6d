import { useEffect, useState } from 'react';
import type { SessionView, TokenSnapshot } from '../../electron/contract/views';
import { Box } from '@mantine/core';
import type { ErrorInfo } from '../../domain/errors';
import { call, errorOf, subscribe } from './api/client';
import { ErrorAlert } from './components/ErrorAlert';
import { LoginScreen } from './screens/LoginScreen';
import { UnitChooser } from './screens/UnitChooser';
import { HomeShell } from './screens/HomeShell';
import { SessionLock } from './components/SessionLock';
import { ForcedPasswordChange } from './accounts/ForcedPasswordChange';

/** Which screen follows from the session: none → login; no unit yet → chooser; else home. */
export function App() {
  const [tokens, setTokens] = useState<TokenSnapshot | null>(null);
  const [session, setSession] = useState<SessionView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [choosingUnit, setChoosingUnit] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    const offTokens = subscribe('tokens.changed', setTokens);
    const offSession = subscribe('session.changed', (next) => {
      setSession((previous) => {
        if (previous?.currentUnit?.unitNo !== next?.currentUnit?.unitNo) setChoosingUnit(false);
        return next;
      });
    });
    void Promise.all([call('tokens.snapshot', {}), call('auth.session', {})]).then(
      ([snapshot, current]) => {
        setTokens(snapshot);
        setSession(current);
        setLoaded(true);
      },
      (error: unknown) => setFailure(errorOf(error)),
    );
    return () => {
      offTokens();
      offSession();
    };
  }, []);

  if (failure) {
    return (
      <Box p="xl" maw={640}>
        <ErrorAlert error={failure} />
      </Box>
    );
  }
  if (!loaded || !tokens) return null;
  if (!session) return <LoginScreen snapshot={tokens} />;
  if (session.mustChangePassword) return <ForcedPasswordChange session={session} />;
  const screen =
    !session.currentUnit || choosingUnit ? (
      <UnitChooser
        session={session}
        onCancel={session.currentUnit ? () => setChoosingUnit(false) : null}
      />
    ) : (
      <HomeShell session={session} onSwitchUnit={() => setChoosingUnit(true)} />
    );
  // The lock sits over the screen rather than replacing it, so nothing typed is lost.
  return (
    <>
      {screen}
      {session.lock ? <SessionLock session={session} snapshot={tokens} /> : null}
    </>
  );
}
