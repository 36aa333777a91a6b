import type { RuntimeEvent } from '@wharf/config';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { apiUrl } from '../api/api-base.js';
import { allTopics, topicsOf, type Topic } from './topics.js';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'off';

/** The part of EventSource the dashboard uses (injectable for tests). */
export interface EventSourceLike {
  readyState: number;
  onopen: ((ev: Event) => void) | null;
  onerror: ((ev: Event) => void) | null;
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

type EventListener = (event: RuntimeEvent) => void;

interface LiveContextValue {
  state: LiveState;
  revision(topic: Topic): number;
  lastEvent?: RuntimeEvent;
  /** listen to one event type on the shared stream (e.g. `traffic`); returns the unsubscribe */
  onEvent(type: RuntimeEvent['type'], listener: EventListener): () => void;
}

const eventTypes = ['generation', 'router-status', 'service-status', 'server-state', 'diagnostics', 'provider-state'];
/** pushed often and consumed by their own listeners: they never trigger refetches */
const streamTypes = ['traffic'];
const LiveContext = createContext<LiveContextValue>({ state: 'off', revision: () => 0, onEvent: () => () => undefined });

export const useLive = (): LiveContextValue => useContext(LiveContext);

const defaultFactory: EventSourceFactory | undefined =
  typeof EventSource === 'undefined' ? undefined : (url) => new EventSource(url) as unknown as EventSourceLike;

/** Subscribes to `/api/wharf/events`; bursts of events are coalesced into one refetch (150 ms). */
export function LiveProvider({ children, factory = defaultFactory }: { children: ReactNode; factory?: EventSourceFactory }) {
  const [state, setState] = useState<LiveState>(factory ? 'connecting' : 'off');
  const [revisions, setRevisions] = useState<Record<string, number>>({});
  const [lastEvent, setLastEvent] = useState<RuntimeEvent>();
  const pending = useRef(new Set<Topic>());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const listeners = useRef(new Map<string, Set<EventListener>>());
  const [onEvent] = useState(() => (type: string, listener: EventListener) => {
    const set = listeners.current.get(type) ?? new Set<EventListener>();
    listeners.current.set(type, set);
    set.add(listener);
    return () => void set.delete(listener);
  });

  useEffect(() => {
    if (!factory) return;
    const bump = (topics: Topic[]): void => {
      for (const t of topics) pending.current.add(t);
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        const topicsNow = [...pending.current];
        pending.current.clear();
        setRevisions((r) => Object.fromEntries([...Object.entries(r), ...topicsNow.map((t) => [t, (r[t] ?? 0) + 1])]));
      }, 150);
    };
    let source: EventSourceLike | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let wasDown = false;
    const connect = (): void => {
      source = factory(apiUrl('api/wharf/events'));
      source.onopen = () => {
        setState('live');
        if (wasDown) bump(allTopics);
        wasDown = false;
      };
      source.onerror = () => {
        wasDown = true;
        setState('reconnecting');
        if (source?.readyState === 2) retry = setTimeout(connect, 3000);
      };
      source.addEventListener('ready', () => setState('live'));
      const dispatch = (event: RuntimeEvent): void => {
        for (const listener of listeners.current.get(event.type) ?? []) listener(event);
      };
      for (const type of eventTypes) {
        source.addEventListener(type, (ev) => {
          const event = JSON.parse(ev.data) as RuntimeEvent;
          setLastEvent(event);
          bump(topicsOf(event));
          dispatch(event);
        });
      }
      for (const type of streamTypes) source.addEventListener(type, (ev) => dispatch(JSON.parse(ev.data) as RuntimeEvent));
    };
    connect();
    return () => {
      source?.close();
      if (retry) clearTimeout(retry);
      if (timer.current) clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [factory]);

  const value = useMemo<LiveContextValue>(
    () => ({ state, lastEvent, onEvent, revision: (topic) => (topic === 'manual' ? 0 : revisions[topic] ?? 0) }),
    [state, revisions, lastEvent, onEvent],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
