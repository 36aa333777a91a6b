import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { isHealthyStatus } from './probe-verdict.js';
import type { ProbeTarget } from './probe-target.js';

export interface ProbeResult {
  ok: boolean;
  /** e.g. `200`, `ECONNREFUSED`, `timeout` */
  result: string;
}

/** Runs one probe; must resolve (never reject) and honour `signal`. */
export type Prober = (target: ProbeTarget, signal: AbortSignal) => Promise<ProbeResult>;

let plain: Dispatcher | undefined;
let following: Dispatcher | undefined;

function dispatcherFor(followRedirects: boolean): Dispatcher {
  plain ??= new Agent({ keepAliveTimeout: 1_000, connections: 64 });
  if (!followRedirects) return plain;
  following ??= plain.compose(interceptors.redirect({ maxRedirections: 10 }));
  return following;
}

function describeError(err: unknown, timedOut: boolean): string {
  if (timedOut) return 'timeout';
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return err instanceof Error ? err.name : 'error';
}

/** The default prober: one HTTP request with undici, bounded by the probe timeout and `signal`. */
export const httpProbe: Prober = async (target, signal) => {
  const timeout = AbortSignal.timeout(target.timeoutMs);
  try {
    const res = await request(target.url, {
      method: target.method as Dispatcher.HttpMethod,
      headers: target.headers,
      signal: AbortSignal.any([signal, timeout]),
      dispatcher: dispatcherFor(target.followRedirects),
      headersTimeout: target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
    await res.body.dump();
    return { ok: isHealthyStatus(res.statusCode, target.expectedStatus), result: String(res.statusCode) };
  } catch (err) {
    return { ok: false, result: describeError(err, timeout.aborted) };
  }
};
