import type { TrafficSnapshot } from '@wharf/config';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { apiUrl } from '../api/api-base.js';
import { fetchJson } from '../api/fetch-json.js';
import { useLive } from '../live/live-provider.js';
import { mergeLive, type LiveTraffic } from './live-merge.js';

export interface TrafficContextValue {
  traffic?: TrafficSnapshot;
  error?: string;
  /** bumps on every `traffic` event (live views refetch their own data on it) */
  revision: number;
}

const TrafficContext = createContext<TrafficContextValue>({ revision: 0 });

export const useTraffic = (): TrafficContextValue => useContext(TrafficContext);

export interface TrafficProviderProps {
  children: ReactNode;
  /** the current page; a change refetches the full snapshot */
  path: string;
  /** full refetch period (default 30 s) */
  refreshMs?: number;
}

/**
 * Live traffic for every page (inside LiveProvider): `GET api/wharf/traffic` on mount, on navigation and every
 * `refreshMs`; between refetches each `traffic` event appends the latest point client-side.
 */
export function TrafficProvider({ children, path, refreshMs = 30_000 }: TrafficProviderProps) {
  const [live, setLive] = useState<LiveTraffic>();
  const [error, setError] = useState<string>();
  const [revision, setRevision] = useState(0);
  const [tick, setTick] = useState(0);
  const [onSnapshot] = useState(() => (s: TrafficSnapshot) => {
    setLive((cur) => mergeLive(cur, s));
    setRevision((r) => r + 1);
  });
  // `traffic` events arrive on the LiveProvider's one stream (no second connection)
  const { onEvent } = useLive();
  useEffect(() => onEvent('traffic', (e) => e.type === 'traffic' && onSnapshot(e.snapshot)), [onEvent, onSnapshot]);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);
  useEffect(() => {
    const ctrl = new AbortController();
    fetchJson<TrafficSnapshot>(apiUrl('api/wharf/traffic'), ctrl.signal).then(
      (r) => {
        // the fetched series holds completed slots; its rolling numbers make the live tail point
        setLive(mergeLive({ snapshot: r.data }, r.data));
        setError(undefined);
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => ctrl.abort();
  }, [path, tick]);
  const value: TrafficContextValue = { revision, ...(live ? { traffic: live.snapshot } : {}), ...(error ? { error } : {}) };
  return <TrafficContext.Provider value={value}>{children}</TrafficContext.Provider>;
}
