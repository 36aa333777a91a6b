/**
 * HAProxy's `hold valid`, where wharf can use it: a valid answer is shared by every service
 * (and SRV target) asking the same question for that long, and a question already in flight is
 * not asked twice. A requester never gets an answer older than its own re-resolve period, so the
 * cache saves queries without slowing anyone down. Failures are never cached. Bounded.
 */
export interface AnswerCache {
  get<T extends { ok: boolean }>(key: string, maxAgeMs: number, ask: () => Promise<T>): Promise<T>;
  readonly size: number;
}

interface Entry {
  at: number;
  value?: { ok: boolean };
  pending?: Promise<{ ok: boolean }>;
}

export function createAnswerCache(holdValidMs: number, now: () => number, limit = 10_000): AnswerCache {
  const entries = new Map<string, Entry>();
  const evict = (): void => {
    if (entries.size <= limit) return;
    const t = now();
    for (const [key, e] of entries) if (!e.pending && t - e.at >= holdValidMs) entries.delete(key);
    for (const [key, e] of entries) {
      if (entries.size <= limit) break;
      if (!e.pending) entries.delete(key);
    }
  };
  return {
    get size() {
      return entries.size;
    },
    get<T extends { ok: boolean }>(key: string, maxAgeMs: number, ask: () => Promise<T>): Promise<T> {
      const entry = entries.get(key);
      if (entry?.pending) return entry.pending as Promise<T>;
      if (entry?.value && now() - entry.at < Math.min(maxAgeMs, holdValidMs)) return Promise.resolve(entry.value as T);
      const pending = ask().then(
        (value) => {
          if (value.ok) entries.set(key, { at: now(), value });
          else entries.delete(key);
          return value;
        },
        (err: unknown) => {
          entries.delete(key);
          throw err;
        },
      );
      entries.delete(key);
      entries.set(key, { at: now(), pending });
      evict();
      return pending;
    },
  };
}
