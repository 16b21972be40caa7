/** The app: the header, and the page of the logged-in role (or the login page). */
import { useEffect, useState } from 'react';
import type { SectorArea } from '@hoi/client-kit';
import { getSession, logout, type SessionInfo } from './api';
import { areaLabel, roleLabel } from './labels';
import { AuditorPage } from './pages/AuditorPage';
import { CaseworkerPage } from './pages/CaseworkerPage';
import { CitizenPage } from './pages/CitizenPage';
import { LoginPage } from './pages/LoginPage';
import { ScreeningPage } from './pages/ScreeningPage';

function Page({ session, onLogin }: { session: SessionInfo; onLogin: (s: SessionInfo) => void }) {
  if (!session.authenticated)
    return <LoginPage devLoginAvailable={session.devLogin} onLogin={onLogin} />;
  switch (session.role) {
    case 'caseworker':
      return <CaseworkerPage ownAreas={(session.areas ?? []) as SectorArea[]} />;
    case 'citizen':
      return <CitizenPage cpr={session.cpr ?? ''} />;
    case 'screener':
      return <ScreeningPage />;
    case 'auditor':
      return <AuditorPage />;
    default:
      return <h1>Ukendt rolle</h1>;
  }
}

export function App() {
  const [session, setSession] = useState<SessionInfo | null>(null);
  useEffect(() => {
    void getSession().then(setSession, () => setSession({ authenticated: false, devLogin: false }));
  }, []);
  async function signOut() {
    await logout();
    setSession(await getSession());
  }
  const who =
    session?.authenticated && session.role
      ? `${roleLabel(session.role)}${session.org ? `, ${session.org}` : ''}${
          session.role === 'caseworker' && session.areas?.length
            ? ` (${session.areas.map(areaLabel).join(', ')})`
            : ''
        }`
      : '';
  return (
    <>
      <a className="skipnav" href="#main-content">
        Gå til sideindhold
      </a>
      <header className="header">
        <div className="portal-info">
          <div className="portal-info-inner container">
            <p className="app-name">
              <strong>Overblik</strong> – helhedsorienteret indsats
            </p>
            {session?.authenticated && (
              <div className="portal-user">
                <p className="user">{who}</p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => void signOut()}
                >
                  Log ud
                </button>
              </div>
            )}
          </div>
        </div>
      </header>
      <main id="main-content" className="container" tabIndex={-1}>
        {session ? (
          <Page session={session} onLogin={setSession} />
        ) : (
          <p aria-live="polite">Henter …</p>
        )}
      </main>
      <footer className="container app-footer">
        <p>Referenceklient til hoi-gateway. Alle data er syntetiske.</p>
      </footer>
    </>
  );
}
