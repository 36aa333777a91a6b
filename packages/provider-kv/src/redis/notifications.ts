import type { Redis } from 'ioredis';

/** Keyspace events wharf needs: `K` (keyspace channel) and `A` (set, del, expired, evicted, rename, …). */
const NEEDED = 'KA';
/** What `A` stands for in Redis' flag set. */
const ALL = 'g$lshzxet';

export type NotificationSetup =
  | { ok: true; changed: boolean; flags: string }
  | { ok: false; reason: string };

function covers(flags: string): boolean {
  if (!flags.includes('K')) return false;
  return flags.includes('A') || [...ALL].every((f) => flags.includes(f));
}

/**
 * Turns keyspace notifications on as Traefik does (`CONFIG SET notify-keyspace-events`), but
 * keeps the flags already set (Traefik overwrites them with `KEA`) and writes nothing when they
 * already suffice. A refused CONFIG (renamed away, ACL) is reported, not thrown: the caller polls.
 */
export async function enableKeyspaceNotifications(client: Redis): Promise<NotificationSetup> {
  let current: string;
  try {
    const reply = (await client.config('GET', 'notify-keyspace-events')) as unknown as string[];
    current = reply[1] ?? '';
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  if (covers(current)) return { ok: true, changed: false, flags: current };
  const flags = [...new Set([...current, ...NEEDED])].join('');
  try {
    await client.config('SET', 'notify-keyspace-events', flags);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  return { ok: true, changed: true, flags };
}

/** Escapes Redis glob characters so a root key is matched literally (`SCAN MATCH`, `PSUBSCRIBE`). */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
