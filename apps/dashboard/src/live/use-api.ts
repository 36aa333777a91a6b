import { useEffect, useState } from 'react';
import { apiUrl, type Params } from '../api/api-base.js';
import { fetchJson } from '../api/fetch-json.js';
import { useLive } from './live-provider.js';
import { topicOf } from './topics.js';

export interface ApiState<T> {
  data?: T;
  nextPage?: number;
  error?: string;
  loading: boolean;
}

/**
 * Fetches an API path and refetches it when a live event touches its topic (no polling).
 * Keeps showing the previous data while a refetch runs, so live updates do not flicker.
 */
export function useApi<T>(path: string | undefined, params: Params = {}): ApiState<T> {
  const live = useLive();
  const url = path === undefined ? undefined : apiUrl(path, params);
  const revision = path === undefined ? 0 : live.revision(topicOf(path));
  const [state, setState] = useState<ApiState<T>>({ loading: true });
  useEffect(() => {
    if (url === undefined) return;
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    fetchJson<T>(url, ctrl.signal).then(
      (r) => setState({ data: r.data, nextPage: r.nextPage, loading: false }),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setState({ loading: false, error: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => ctrl.abort();
  }, [url, revision]);
  return state;
}
