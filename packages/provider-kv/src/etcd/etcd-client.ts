import type { Etcd3, IOptions } from 'etcd3';
import { loadTls, parseEndpoint } from '../store/endpoint.js';
import type { EtcdProviderOptions } from './options.js';

/** Every unary call gives up after this (the runner owns retries, not the client). */
export const ETCD_CALL_TIMEOUT_MS = 5000;
/** Bound of one listing (gRPC's default of 4 MiB is too small for large trees). */
const MAX_RECEIVE_BYTES = 64 * 1024 * 1024;

export interface EtcdClient {
  client: Etcd3;
  /** `etcd 127.0.0.1:2379` */
  label: string;
}

/**
 * An etcd3 client with its own fault handling turned off: no retries, no circuit breaker, a
 * deadline on every call, so a store that goes away surfaces at once and the provider runner's
 * backoff decides when to try again. The gRPC stack is loaded on first use, so a wharf without
 * an etcd provider never pays its start-up cost.
 */
export async function createEtcdClient(options: EtcdProviderOptions): Promise<EtcdClient> {
  const [{ Etcd3: Client }, { noop }, grpc] = await Promise.all([import('etcd3'), import('cockatiel'), import('@grpc/grpc-js')]);
  const tls = loadTls('etcd', options.tls);
  const endpoints = options.endpoints.map((e) => parseEndpoint('etcd', e));
  const secure = tls !== undefined || endpoints.some((e) => e.secure);
  const hosts = endpoints.map((e) => `${secure ? 'https' : 'http'}://${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`);
  const config: IOptions = {
    hosts,
    dialTimeout: ETCD_CALL_TIMEOUT_MS,
    faultHandling: { host: () => noop, global: noop },
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + ETCD_CALL_TIMEOUT_MS }),
    grpcOptions: { 'grpc.max_receive_message_length': MAX_RECEIVE_BYTES },
    ...(options.username !== undefined ? { auth: { username: options.username, password: options.password ?? '' } } : {}),
    ...(tls?.ca || tls?.cert ? { credentials: clientCredentials(tls.ca, tls.key, tls.cert) } : {}),
  };
  const label = `etcd ${options.endpoints.join(',')}`;
  if (!tls?.insecureSkipVerify) return { client: new Client(config), label };
  return { client: withoutVerification(grpc.credentials, () => new Client(config)), label };
}

/** Without a CA, gRPC verifies against the system roots (`null`, which etcd3's type does not admit). */
function clientCredentials(ca: Buffer | undefined, key: Buffer | undefined, cert: Buffer | undefined): NonNullable<IOptions['credentials']> {
  return { rootCertificate: (ca ?? null) as unknown as Buffer, ...(key ? { privateKey: key } : {}), ...(cert ? { certChain: cert } : {}) };
}

/**
 * etcd3 builds its gRPC credentials in its constructor without verify options; for
 * `tls.insecureSkipVerify` the constructor runs with `createSsl` answering
 * `rejectUnauthorized: false`. Synchronous, so no other caller sees the swap.
 */
function withoutVerification<T>(credentials: typeof import('@grpc/grpc-js').credentials, build: () => T): T {
  const original = credentials.createSsl;
  credentials.createSsl = (root, key, chain) =>
    original(root?.length ? root : null, key, chain, { rejectUnauthorized: false, checkServerIdentity: () => undefined });
  try {
    return build();
  } finally {
    credentials.createSsl = original;
  }
}
