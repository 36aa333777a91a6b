import type { HttpStep } from '@wharf/config';
import { fakeExchange, recordingNext } from './exchange.js';

/** Fires `n` requests at once through `step` and counts 200s and 429s (no timing involved). */
export async function burst(step: HttpStep, n: number, headers: Record<string, string> = {}) {
  const results = await Promise.all(
    Array.from({ length: n }, () => {
      const ex = fakeExchange({ headers });
      return step(ex, recordingNext().make(ex));
    }),
  );
  return { ok: results.filter((r) => r.status === 200).length, limited: results.filter((r) => r.status === 429), results };
}
