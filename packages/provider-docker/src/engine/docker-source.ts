import type Docker from 'dockerode';
import type { ContainerData } from '../build/container-data.js';
import { dockerError } from '../errors.js';
import { openEventStream, type DockerEvent } from './docker-events.js';
import { InspectCache } from './inspect-cache.js';
import { toContainerData } from './inspect-mapping.js';

/** What the watcher needs from an engine: the seam that unit tests fake. */
export interface DockerSource {
  /** where the engine is (`unix:///var/run/docker.sock`), for messages */
  readonly endpoint: string;
  /** every container, inspected; rejects with `WHARF_DOCKER_UNAVAILABLE` when the engine is away */
  list(signal: AbortSignal): Promise<ContainerData[]>;
  /** container events from now on; the iterable ends or throws when the engine goes away */
  events(signal: AbortSignal): Promise<AsyncIterable<DockerEvent>>;
}

/** The newest API this client speaks; older engines get their own maximum (Engine 29 refuses < 1.44). */
export const MAX_API_VERSION = '1.51';

export interface DockerSourceOptions {
  endpoint: string;
  /** ms; applies to list/inspect, never to the event stream */
  timeoutMs?: number;
  username?: string;
  password?: string;
  tls?: { ca?: string; cert?: string; key?: string; insecureSkipVerify?: boolean };
}

export function modemOptions(options: DockerSourceOptions): Docker.DockerOptions {
  const url = new URL(options.endpoint);
  if (url.protocol === 'unix:') return { socketPath: url.pathname };
  if (url.protocol === 'npipe:') return { socketPath: url.pathname };
  const https = url.protocol === 'https:' || Boolean(options.tls?.cert || options.tls?.ca);
  const out: Docker.DockerOptions = {
    host: url.hostname, port: url.port || (https ? 2376 : 2375), protocol: https ? 'https' : 'http',
  };
  if (options.tls) Object.assign(out, { ca: options.tls.ca, cert: options.tls.cert, key: options.tls.key });
  if (options.username) Object.assign(out, { headers: { authorization: `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}` } });
  return out;
}

/** min(server ApiVersion, MAX_API_VERSION), compared numerically (`1.9` < `1.41`). */
export function negotiateApiVersion(server: string): string {
  const [sMaj = 0, sMin = 0] = server.split('.').map(Number);
  const [mMaj = 0, mMin = 0] = MAX_API_VERSION.split('.').map(Number);
  return sMaj < mMaj || (sMaj === mMaj && sMin < mMin) ? server : MAX_API_VERSION;
}

/**
 * Two clients at the negotiated API version: `api` (with the request timeout) and `stream` (for
 * `GET /events`, no timeout). dockerode (with ssh2, gRPC and protobufjs: ~0.15 s of module
 * loading) loads on the first connection, so a wharf without a Docker provider never loads it.
 */
export async function connectDocker(options: DockerSourceOptions): Promise<{ api: Docker; stream: Docker }> {
  const { default: Dockerode } = await import('dockerode');
  const base = modemOptions(options);
  const probe = new Dockerode({ ...base, timeout: options.timeoutMs || 10_000 });
  const version = negotiateApiVersion((await probe.version()).ApiVersion);
  return {
    api: new Dockerode({ ...base, version: `v${version}`, ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}) }),
    stream: new Dockerode({ ...base, version: `v${version}` }),
  };
}

export function createDockerodeSource(options: DockerSourceOptions): DockerSource {
  let clients: Promise<{ api: Docker; stream: Docker }> | undefined;
  const cache = new InspectCache();
  const connect = () => connectDocker(options);
  const client = async () => {
    clients ??= connect().catch((err: unknown) => { clients = undefined; throw err; });
    return clients;
  };
  return {
    endpoint: options.endpoint,
    async list(signal) {
      const { api } = await client().catch((err: unknown) => { throw dockerError(options.endpoint, err); });
      // one child signal per listing, so listeners never pile up on the provider's signal
      const call = new AbortController();
      const abort = (): void => call.abort();
      signal.addEventListener('abort', abort, { once: true });
      try {
        const summaries = await api.listContainers({ all: true, abortSignal: call.signal });
        return await cache.refresh(summaries, (id) => api.getContainer(id).inspect().then(toContainerData));
      } catch (err) {
        clients = undefined;
        throw dockerError(options.endpoint, err);
      } finally {
        signal.removeEventListener('abort', abort);
      }
    },
    async events(signal) {
      const { stream } = await client().catch((err: unknown) => { throw dockerError(options.endpoint, err); });
      const filters = { type: ['container'], event: ['start', 'die', 'kill', 'stop', 'health_status'] };
      try {
        return await openEventStream(stream, filters, signal, (err) => dockerError(options.endpoint, err));
      } catch (err) {
        clients = undefined;
        throw err;
      }
    },
  };
}
