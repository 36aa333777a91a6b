import { createHash } from 'node:crypto';

const MAX_ENTRIES = 1024;

/**
 * Remembers successful password checks (as SHA-256 of user, password and stored hash), so a
 * bcrypt user does not pay ~50–200 ms of CPU on every request (Caddy does the same). Only
 * successes are cached; the cache lives for one generation and is bounded.
 */
export function createVerifiedCache() {
  const ok = new Set<string>();
  const keyOf = (user: string, password: string, hash: string) =>
    createHash('sha256').update(user).update('\0').update(password).update('\0').update(hash).digest('base64');
  return {
    has: (user: string, password: string, hash: string) => ok.has(keyOf(user, password, hash)),
    add(user: string, password: string, hash: string) {
      if (ok.size >= MAX_ENTRIES) ok.delete(ok.values().next().value as string);
      ok.add(keyOf(user, password, hash));
    },
  };
}
