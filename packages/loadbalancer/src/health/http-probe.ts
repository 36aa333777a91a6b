import type * as Undici from 'undici';
import type { Dispatcher } from 'undici';
import { isHealthyStatus } from './probe-verdict.js';
import type { ProbeTarget } from './probe-target.js';

export interface ProbeResult {
  ok: boolean;
  /** e.g. `200`, `ECONNREFUSED`, `timeout` */
  result: string;
}

/** Runs one probe; must resolve (never reject) and honour `signal`. */
export type Prober = (target: ProbeTarget, signal: AbortSignal) => Promise<ProbeResult>;

/** TLS settings of the probes, from the service's `serversTransport` (Traefik probes through it). */
export interface HttpProberOptions {
  /** skip certificate verification (`serversTransport.insecureSkipVerify`) */
  insecureSkipVerify?: boolean;
  /** SNI / verification name (`serversTransport.serverName`) */
  serverName?: string;
}

type UndiciModule = typeof Undici;

/** undici (~0.1 s of module loading) loads with the first probe: no health check, no undici. */
let loading: Promise<UndiciModule> | undefined;
const loadUndici = (): Promise<UndiciModule> => (loading ??= import('undici'));

function createDispatchers(options: HttpProberOptions): (undici: UndiciModule, followRedirects: boolean) => Dispatcher {
  let plain: Dispatcher | undefined;
  let following: Dispatcher | undefined;
  return ({ Agent, interceptors }, followRedirects) => {
    plain ??= new Agent({
      keepAliveTimeout: 1_000,
      connections: 64,
      connect: {
        rejectUnauthorized: options.insecureSkipVerify !== true,
        ...(options.serverName ? { servername: options.serverName } : {}),
      },
    });
    if (!followRedirects) return plain;
    following ??= plain.compose(interceptors.redirect({ maxRedirections: 10 }));
    return following;
  };
}

function describeError(err: unknown, timedOut: boolean): string {
  if (timedOut) return 'timeout';
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return err instanceof Error ? err.name : 'error';
}

/** An HTTP prober: one request per probe with undici, bounded by the probe timeout and `signal`. */
export function createHttpProber(options: HttpProberOptions = {}): Prober {
  const dispatcherFor = createDispatchers(options);
  return async (target, signal) => {
    const undici = await loadUndici();
    const timeout = AbortSignal.timeout(target.timeoutMs);
    try {
      const res = await undici.request(target.url, {
        method: target.method as Dispatcher.HttpMethod,
        headers: target.headers,
        signal: AbortSignal.any([signal, timeout]),
        dispatcher: dispatcherFor(undici, target.followRedirects),
        headersTimeout: target.timeoutMs,
        bodyTimeout: target.timeoutMs,
      });
      await res.body.dump();
      return { ok: isHealthyStatus(res.statusCode, target.expectedStatus), result: String(res.statusCode) };
    } catch (err) {
      return { ok: false, result: describeError(err, timeout.aborted) };
    }
  };
}

/** The default prober (certificates verified). */
export const httpProbe: Prober = createHttpProber();
