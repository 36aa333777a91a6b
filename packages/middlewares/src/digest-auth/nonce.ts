import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const NONCE_TTL_MS = 5 * 60_000;
const MAX_TRACKED = 10_000;

export type NonceState = 'valid' | 'stale' | 'invalid' | 'replayed';

/** Stateless nonces: `time.hmac(secret, time)`, valid for 5 minutes, secret per generation. */
export function createNonceIssuer(now: () => number = Date.now) {
  const secret = randomBytes(32);
  const sign = (t: string) => createHmac('sha256', secret).update(t).digest('base64url');
  /** highest nonce count seen per nonce: a request may not reuse one (RFC 2617 replay protection) */
  const counts = new Map<string, number>();
  return {
    /** accepts `nc` (hex) once per nonce, strictly increasing; bounded memory */
    use(nonce: string, nc: string): NonceState {
      const n = parseInt(nc, 16);
      if (!Number.isFinite(n)) return 'invalid';
      if ((counts.get(nonce) ?? 0) >= n) return 'replayed';
      counts.delete(nonce);
      if (counts.size >= MAX_TRACKED) counts.delete(counts.keys().next().value as string);
      counts.set(nonce, n);
      return 'valid';
    },
    issue(): string {
      const t = now().toString(36);
      return `${t}.${sign(t)}`;
    },
    check(nonce: string): NonceState {
      const [t, mac] = nonce.split('.');
      if (!t || !mac) return 'invalid';
      const expected = Buffer.from(sign(t));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
      return now() - parseInt(t, 36) > NONCE_TTL_MS ? 'stale' : 'valid';
    },
  };
}
