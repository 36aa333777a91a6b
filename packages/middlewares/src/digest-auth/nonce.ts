import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const NONCE_TTL_MS = 5 * 60_000;

export type NonceState = 'valid' | 'stale' | 'invalid';

/** Stateless nonces: `time.hmac(secret, time)`, valid for 5 minutes, secret per generation. */
export function createNonceIssuer(now: () => number = Date.now) {
  const secret = randomBytes(32);
  const sign = (t: string) => createHmac('sha256', secret).update(t).digest('base64url');
  return {
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
