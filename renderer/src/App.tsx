import { useEffect, useState } from 'react';
import type { SessionView, TokenSnapshot } from '../../electron/contract/views';
import { call, subscribe } from './api/client';
import { LoginScreen } from './screens/LoginScreen';
import { UnitChooser } from './screens/UnitChooser';
import { HomeShell } from './screens/HomeShell';

/** Which screen follows from the session: none → login; no unit yet → chooser; else home. */
export function App() {
  const [tokens, setTokens] = useState<TokenSnapshot | null>(null);
  const [session, setSession] = useState<SessionView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [choosingUnit, setChoosingUnit] = useState(false);

  useEffect(() => {
    const offTokens = subscribe('tokens.changed', setTokens);
    const offSession = subscribe('session.changed', (next) => {
      setSession(next);
      setChoosingUnit(false);
    });
    void Promise.all([call('tokens.snapshot', {}), call('auth.session', {})]).then(
      ([snapshot, current]) => {
        setTokens(snapshot);
        setSession(current);
        setLoaded(true);
      },
    );
    return () => {
      offTokens();
      offSession();
    };
  }, []);

  if (!loaded || !tokens) return null;
  if (!session) return <LoginScreen snapshot={tokens} />;
  if (!session.currentUnit || choosingUnit) {
    return (
      <UnitChooser
        session={session}
        onCancel={session.currentUnit ? () => setChoosingUnit(false) : null}
      />
    );
  }
  return <HomeShell session={session} onSwitchUnit={() => setChoosingUnit(true)} />;
}
