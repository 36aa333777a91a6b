import { isIP } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';
import type { Diagnostic } from '@wharf/config';
import { rootPrefix, type KvPair } from '../codec/kv-pair.js';
import { KvWriteError, unavailable } from '../errors.js';
import { loadTls, parseEndpoint } from '../store/endpoint.js';
import type { KvSession, KvWatchSink } from '../store/kv-session.js';
import { createKeyspaceWatch, type KeyspaceWatch } from './keyspace-watch.js';
import { enableKeyspaceNotifications, escapeGlob } from './notifications.js';
import type { RedisProviderOptions } from './options.js';

const TIMEOUT_MS = 5000;
const SCAN_COUNT = 1000;
const MGET_CHUNK = 1000;
/** Re-list period when keyspace notifications cannot be turned on. */
export const REDIS_POLL_MS = 1000;
/** Re-list period with notifications on: what no notification tells (FLUSHDB, SWAPDB, notifications turned off) shows within this. */
const REDIS_CHECK_MS = 10_000;
export const REDIS_POLLING = 'WHARF_KV_REDIS_POLLING';

/**
 * A session on Redis (Traefik's `kvtools/redis` layout: one string key per KV key). Listing is
 * `SCAN MATCH <root>/*` + `MGET`; changes come from keyspace notifications on a second
 * connection (`PSUBSCRIBE __keyspace@<db>__:<root>/*`: set, del, expired, evicted, rename), each
 * read back into a change (`createKeyspaceWatch`); a listing every `REDIS_CHECK_MS` catches what
 * notifies nothing. If notifications cannot be enabled the session says so in a diagnostic and
 * polls. Neither connection reconnects: when one closes, the session is lost.
 */
export async function openRedisSession(options: RedisProviderOptions, checkMs = REDIS_CHECK_MS): Promise<KvSession> {
  const endpoint = parseEndpoint('redis', options.endpoints[0]!);
  const tls = loadTls('redis', options.tls);
  const label = `redis ${options.endpoints[0]}${options.db ? ` db ${options.db}` : ''}`;
  const config: RedisOptions = {
    host: endpoint.host, port: endpoint.port, db: options.db,
    username: options.username, password: options.password,
    lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false,
    connectTimeout: TIMEOUT_MS, commandTimeout: TIMEOUT_MS,
    ...(tls || endpoint.secure ? { tls: {
      ca: tls?.ca, cert: tls?.cert, key: tls?.key, rejectUnauthorized: !tls?.insecureSkipVerify,
      servername: isIP(endpoint.host) ? '' : endpoint.host, // no SNI for an IP (RFC 6066); the certificate is still checked against it
    } } : {}),
  };
  let lose: (err: unknown) => void = () => undefined;
  const lost = new Promise<never>((_, reject) => {
    lose = reject;
  });
  lost.catch(() => undefined);
  let closing = false;
  const connect = async (client: Redis): Promise<Redis> => {
    client.on('error', () => undefined); // surfaced by the failing command or by 'end'
    client.once('end', () => { if (!closing) lose(unavailable(label, new Error('connection closed'))); });
    await client.connect().catch((err: unknown) => Promise.reject(unavailable(label, err)));
    return client;
  };
  const client = await connect(new Redis(config));
  const prefix = rootPrefix(options.rootKey);
  const extra: Diagnostic[] = [];
  let subscriber: Redis | undefined;
  let poll: NodeJS.Timeout | undefined;
  let keyspace: KeyspaceWatch | undefined;
  return {
    label,
    lost,
    list: () => listPairs(client, prefix).catch((err: unknown) => Promise.reject(unavailable(label, err))),
    async watch(sink: KvWatchSink): Promise<void> {
      const setup = await enableKeyspaceNotifications(client);
      subscriber = await connect(client.duplicate());
      keyspace = createKeyspaceWatch(client, sink, (err) => lose(unavailable(label, err)));
      const channel = `__keyspace@${options.db}__:`;
      subscriber.on('pmessage', (_pattern: string, name: string) => keyspace?.notice(name.slice(channel.length)));
      await subscriber.psubscribe(`${channel}${escapeGlob(prefix)}*`).catch((err: unknown) => Promise.reject(unavailable(label, err)));
      if (!setup.ok) extra.push(pollingDiagnostic(label, setup.reason));
      // FLUSHDB, SWAPDB and a changed notify-keyspace-events notify nothing: a periodic listing catches them
      const every = setup.ok ? checkMs : REDIS_POLL_MS;
      poll = setInterval(() => sink.resync(setup.ok ? 'periodic check' : 'polling'), every);
    },
    diagnostics: () => [...extra],
    async write(put: readonly KvPair[], remove: readonly string[]): Promise<void> {
      if (put.length === 0 && remove.length === 0) return;
      const tx = client.multi();
      for (const p of put) tx.set(p.key, p.value);
      if (remove.length > 0) tx.del(...remove);
      const replies = await tx.exec().catch((err: unknown) => Promise.reject(KvWriteError(label, (err as Error).message)));
      const failed = replies?.find(([err]) => err !== null);
      if (!replies || failed) throw KvWriteError(label, failed?.[0]?.message ?? 'the transaction was discarded');
    },
    async close(): Promise<void> {
      closing = true;
      clearInterval(poll);
      keyspace?.stop();
      subscriber?.disconnect();
      client.disconnect();
    },
  };
}

async function listPairs(client: Redis, prefix: string): Promise<KvPair[]> {
  const keys = new Set<string>();
  const pattern = `${escapeGlob(prefix)}*`;
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
    for (const key of batch) keys.add(key);
    cursor = next;
  } while (cursor !== '0');
  const all = [...keys];
  const pairs: KvPair[] = [];
  for (let i = 0; i < all.length; i += MGET_CHUNK) {
    const chunk = all.slice(i, i + MGET_CHUNK);
    const values = await client.mget(...chunk);
    values.forEach((value, j) => {
      if (value !== null) pairs.push({ key: chunk[j]!, value }); // deleted meanwhile, or not a string
    });
  }
  return pairs;
}

function pollingDiagnostic(label: string, reason: string): Diagnostic {
  return {
    provider: 'redis',
    source: label,
    code: REDIS_POLLING,
    severity: 'warning',
    message:
      `cannot enable keyspace notifications (CONFIG: ${reason}): re-listing every ${REDIS_POLL_MS} ms instead; ` +
      'set notify-keyspace-events to include "KA" on the server to see changes at once',
  };
}
