import { Shell } from './layout/shell.js';
import { LiveProvider, type EventSourceFactory } from './live/live-provider.js';
import { useHashLocation, type HashLocation } from './nav/hash-location.js';
import { DiagnosticsPage } from './pages/diagnostics-page.js';
import type { ListKind } from './nav/element-href.js';
import { ListPage } from './pages/list-page.js';
import { GenericDetailPage, MiddlewarePage } from './pages/middleware-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { RouteTesterPage } from './pages/route-tester-page.js';
import { RouterPage } from './pages/router-page.js';
import { ServicePage } from './pages/service-page.js';
import { StatsPage } from './traffic/stats-page.js';
import { TrafficProvider } from './traffic/traffic-provider.js';

const listPattern = /^\/(http|tcp|udp)\/(routers|services|middlewares)(?:\/(.+))?$/;

function Page({ location }: { location: HashLocation }) {
  const { path, query } = location;
  if (path === '/') return <OverviewPage />;
  if (path === '/diagnostics') return <DiagnosticsPage />;
  if (path === '/tester') return <RouteTesterPage />;
  if (path === '/stats') return <StatsPage />;
  const m = listPattern.exec(path);
  if (!m) return <p>Page not found.</p>;
  const [, proto = 'http', kind = 'routers', rawName] = m;
  if (rawName === undefined) return <ListPage key={`${proto}/${kind}`} proto={proto} kind={kind as ListKind} query={query} />;
  const name = decodeURIComponent(rawName);
  if (proto !== 'http') return <GenericDetailPage key={path} proto={proto} kind={kind} name={name} />;
  if (kind === 'routers') return <RouterPage key={name} proto={proto} name={name} />;
  if (kind === 'services') return <ServicePage key={name} proto={proto} name={name} />;
  return <MiddlewarePage key={name} proto={proto} name={name} />;
}

export function App({ eventSource }: { eventSource?: EventSourceFactory }) {
  const location = useHashLocation();
  const factory = eventSource ? { factory: eventSource } : {};
  return (
    <LiveProvider {...factory}>
      <TrafficProvider path={location.path}>
        <Shell path={location.path}>
          <Page location={location} />
        </Shell>
      </TrafficProvider>
    </LiveProvider>
  );
}
