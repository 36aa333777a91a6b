import { useState, type ReactNode } from 'react';
import { useApi } from '../live/use-api.js';
import { useLive, type LiveState } from '../live/live-provider.js';
import { useTheme } from '../theme/use-theme.js';

interface VersionInfo {
  Version: string;
  Codename: string;
}

const navGroups: Array<{ title: string; links: Array<[string, string]> }> = [
  { title: '', links: [['#/', 'Overview'], ['#/stats', 'Stats'], ['#/diagnostics', 'Diagnostics'], ['#/providers', 'Providers'], ['#/tester', 'Route tester']] },
  { title: 'TLS', links: [['#/certificates', 'Certificates']] },
  { title: 'HTTP', links: [['#/http/routers', 'Routers'], ['#/http/services', 'Services'], ['#/http/middlewares', 'Middlewares']] },
  { title: 'TCP', links: [['#/tcp/routers', 'Routers'], ['#/tcp/services', 'Services'], ['#/tcp/middlewares', 'Middlewares']] },
  { title: 'UDP', links: [['#/udp/routers', 'Routers'], ['#/udp/services', 'Services']] },
];

const liveLabels: Record<LiveState, string> = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', off: 'Offline' };

function LiveIndicator() {
  const { state } = useLive();
  return (
    <span className={`live live-${state}`} role="status" aria-live="polite" data-testid="live-state">
      <span className="live-dot" aria-hidden="true" /> {liveLabels[state]}
    </span>
  );
}

export function Shell({ path, children }: { path: string; children: ReactNode }) {
  const [theme, toggleTheme] = useTheme();
  const [navOpen, setNavOpen] = useState(false);
  const version = useApi<VersionInfo>('api/version');
  const current = (href: string): boolean => (href === '#/' ? path === '/' : `#${path}`.startsWith(href));
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header className="topbar">
        <button type="button" className="btn nav-toggle" aria-expanded={navOpen} aria-controls="nav" onClick={() => setNavOpen((o) => !o)}>
          Menu
        </button>
        <a className="brand" href="#/">
          wharf
        </a>
        {version.data ? <span className="muted version">{version.data.Version}</span> : null}
        <span className="spacer" />
        <LiveIndicator />
        <button type="button" className="btn" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? 'Light' : 'Dark'}
        </button>
      </header>
      <nav id="nav" className={`sidenav${navOpen ? ' open' : ''}`} aria-label="Main">
        {navGroups.map((g) => (
          <div key={g.title || 'main'} className="nav-group">
            {g.title ? <div className="nav-title">{g.title}</div> : null}
            {g.links.map(([href, label]) => (
              <a key={href} href={href} aria-current={current(href) ? 'page' : undefined} onClick={() => setNavOpen(false)}>
                {label}
              </a>
            ))}
          </div>
        ))}
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
