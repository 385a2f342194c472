import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { loadClientConfig, type ClientConfig } from './config';
import { organisatieNaam } from './partners';
import {
  SessionContext,
  heeftRol,
  sessionFromToken,
  useSession,
  type Session,
  type SessionState,
} from './session';
import { Fout, Laden } from './components/states';
import { Aanmelden } from './pages/aanmelden';
import { Start } from './pages/start';

// Each page is its own chunk: the first view loads only the shell and the sign-in.
const Dashboard = lazy(() => import('./pages/dashboard/dashboard').then((m) => m.Dashboard));
const Casusoverleggen = lazy(() => import('./pages/casusoverleg/lijst').then((m) => m.Casusoverleggen));
const Casusoverleg = lazy(() => import('./pages/casusoverleg/casusoverleg').then((m) => m.Casusoverleg));
const MijnInzage = lazy(() => import('./pages/mijn-inzage').then((m) => m.MijnInzage));
const Signalen = lazy(() => import('./pages/signalen/signalen').then((m) => m.Signalen));
const Gebruiksrapportage = lazy(() => import('./pages/gebruiksrapportage').then((m) => m.Gebruiksrapportage));

const CALLBACK_PATH = '/aanmelden/terug';

function NietGevonden() {
  return (
    <section>
      <h1 class="utrecht-heading-1">Pagina niet gevonden</h1>
      <p class="utrecht-paragraph">
        Deze pagina bestaat niet.{' '}
        <a class="utrecht-link" href="/">
          Naar de start
        </a>
      </p>
    </section>
  );
}

const NAVIGATIE: { href: string; titel: string; rollen: string[] }[] = [
  { href: '/dashboard', titel: 'Dashboard', rollen: ['ANALIST'] },
  {
    href: '/casusoverleggen',
    titel: 'Casusoverleggen',
    rollen: ['KLANTMANAGER', 'TRAJECTBEGELEIDER', 'ADVISEUR_WERK', 'SCHULDHULPVERLENER', 'LOOPBAANADVISEUR'],
  },
  { href: '/signalen', titel: 'Signalen', rollen: ['KLANTMANAGER', 'SCHULDHULPVERLENER'] },
  { href: '/gebruiksrapportage', titel: 'Gebruiksrapportage', rollen: ['PRIVACY_OFFICER'] },
  { href: '/mijn-inzage', titel: 'Mijn inzage', rollen: ['INWONER'] },
];

function Kop() {
  const { state, signOut } = useSession();
  const { path } = useLocation();
  const links = NAVIGATIE.filter((link) => heeftRol(state, ...link.rollen));
  return (
    <header class="utrecht-page-header hub-kop">
      <div class="hub-kop__balk">
        <a class="utrecht-link hub-kop__naam" href="/">
          Twente ketenhub
        </a>
        {state.status === 'aangemeld' && (
          <p class="utrecht-paragraph hub-kop__gebruiker">
            <span>
              {state.session.rollen.join(', ')}
              {state.session.organisatie ? `, ${organisatieNaam(state.session.organisatie)}` : ''}
            </span>{' '}
            <button type="button" class="utrecht-button utrecht-button--subtle" onClick={signOut}>
              Afmelden
            </button>
          </p>
        )}
      </div>
      {links.length > 0 && (
        <nav class="hub-nav" aria-label="Hoofdmenu">
          <ul class="hub-nav__lijst">
            {links.map((link) => (
              <li key={link.href}>
                <a
                  class="utrecht-link"
                  href={link.href}
                  aria-current={path.startsWith(link.href) ? 'page' : undefined}
                >
                  {link.titel}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

/** Back from the identity provider: finishes the code flow, then opens the page the user came for. */
function OidcTerug({
  config,
  onToken,
}: {
  config: ClientConfig;
  onToken: (token: string, naam?: string) => void;
}) {
  const { route } = useLocation();
  const [fout, setFout] = useState<{ message: string; returnTo: string } | null>(null);
  useEffect(() => {
    if (config.aanmelden !== 'oidc') {
      route('/', true);
      return;
    }
    import('./oidc').then(
      ({ AanmeldFout, completeSignIn }) =>
        completeSignIn(config.oidc).then(
          ({ token, naam, returnTo }) => {
            onToken(token, naam);
            route(returnTo, true);
          },
          (error: unknown) =>
            setFout(
              error instanceof AanmeldFout
                ? { message: error.message, returnTo: error.returnTo }
                : { message: `Aanmelden lukte niet: ${String(error)}`, returnTo: '/' },
            ),
        ),
      (error: unknown) => setFout({ message: `Aanmelden lukte niet: ${String(error)}`, returnTo: '/' }),
    );
  }, []);
  if (!fout) return <Laden wat="Aanmelding" />;
  return (
    <section aria-labelledby="terug-titel">
      <h1 class="utrecht-heading-1" id="terug-titel">
        Aanmelden
      </h1>
      <Fout message={fout.message} />
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={fout.returnTo}>
          Opnieuw aanmelden
        </a>
      </p>
    </section>
  );
}

function Inhoud({ config }: { config: ClientConfig }) {
  const { state, signIn } = useSession();
  const { path } = useLocation();
  if (path === CALLBACK_PATH) {
    return (
      <OidcTerug config={config} onToken={(token, naam) => signIn(sessionFromToken(token, 'oidc', naam))} />
    );
  }
  if (state.status !== 'aangemeld') {
    return (
      <Aanmelden
        config={config}
        verlopen={state.status === 'verlopen'}
        onToken={(token, via) => signIn(sessionFromToken(token, via))}
      />
    );
  }
  return (
    <ErrorBoundary>
      <Router>
        <Route path="/" component={Start} />
        <Route path="/dashboard" component={Dashboard} />
        <Route path="/casusoverleggen" component={Casusoverleggen} />
        <Route path="/casusoverleggen/:id" component={Casusoverleg} />
        <Route path="/mijn-inzage" component={MijnInzage} />
        <Route path="/signalen" component={Signalen} />
        <Route path="/gebruiksrapportage" component={Gebruiksrapportage} />
        <Route default component={NietGevonden} />
      </Router>
    </ErrorBoundary>
  );
}

export function App() {
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const [configFout, setConfigFout] = useState<string | null>(null);
  const [state, setState] = useState<SessionState>({ status: 'afgemeld' });

  useEffect(() => {
    loadClientConfig().then(setConfig, (error: unknown) =>
      setConfigFout(
        `De ketenhub is niet bereikbaar (${error instanceof Error ? error.message : String(error)}).`,
      ),
    );
  }, []);

  // A session ends when its token does, even without a request to find out.
  useEffect(() => {
    if (state.status !== 'aangemeld') return;
    const left = state.session.verlooptOp.getTime() - Date.now();
    const timer = setTimeout(
      () => setState({ status: 'verlopen' }),
      Math.max(0, Math.min(left, 2 ** 31 - 1)),
    );
    return () => clearTimeout(timer);
  }, [state]);

  const expire = useCallback(() => setState({ status: 'verlopen' }), []);
  const signOut = useCallback(() => setState({ status: 'afgemeld' }), []);
  const signIn = useCallback((session: Session) => setState({ status: 'aangemeld', session }), []);
  const control = useMemo(() => ({ state, signIn, expire, signOut }), [state, signIn, expire, signOut]);

  return (
    <SessionContext.Provider value={control}>
      <LocationProvider>
        <div class="utrecht-page hub-pagina">
          <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
            Naar de inhoud
          </a>
          <Kop />
          <main class="utrecht-page-content hub-inhoud" id="inhoud" tabIndex={-1}>
            {configFout ? (
              <Fout message={configFout} />
            ) : config ? (
              <Inhoud config={config} />
            ) : (
              <Laden wat="Ketenhub" />
            )}
          </main>
          <footer class="utrecht-page-footer hub-voet">
            <p class="utrecht-paragraph">
              Alle gegevens in deze demo zijn synthetisch. Elke raadpleging van persoonsgegevens wordt gelogd.
            </p>
          </footer>
        </div>
      </LocationProvider>
    </SessionContext.Provider>
  );
}
