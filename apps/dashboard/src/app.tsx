import { Fragment } from 'react';
import { Shell } from './layout/shell.js';
import { LiveProvider, type EventSourceFactory } from './live/live-provider.js';
import { useHashLocation, type HashLocation } from './nav/hash-location.js';
import { matchPage } from './routes.js';
import { TrafficProvider } from './traffic/traffic-provider.js';

/** The page for the hash path; a new path mounts a fresh page (its state does not leak across). */
function Page({ location }: { location: HashLocation }) {
  const found = matchPage(location.path);
  if (!found) return <p>Page not found.</p>;
  return <Fragment key={location.path}>{found.route.page(found.params, location.query)}</Fragment>;
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
