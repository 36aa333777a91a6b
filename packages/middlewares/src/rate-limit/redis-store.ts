import type { Redis } from 'ioredis';
import { durationMs } from '../options/duration.js';
import type { RedisOptions } from './schema.js';
import type { BucketParams, BucketStore, Reservation } from './token-bucket.js';

/** The same token bucket as `takeToken`, atomic in redis, on redis' clock (instances share it). */
const SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local maxDelay = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'last')
local tokens = tonumber(state[1])
local last = tonumber(state[2])
if tokens == nil or last == nil then tokens = burst; last = now end
tokens = math.min(burst, tokens + math.max(0, now - last) * rate) - 1
local delay = 0
if tokens < 0 then delay = -tokens / rate end
if delay > maxDelay then return {0, tostring(delay)} end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return {1, tostring(delay)}
`;

type RateLimitRedis = Redis & { wharfTakeToken(key: string, rate: number, burst: number, maxDelay: number): Promise<[number, string]> };

/**
 * Buckets in redis so several wharf instances share one limit. The connection opens at `create`;
 * commands never queue while redis is away: the request is let through at once (fail open) and
 * `onError` is told, so an outage of the limiter never takes the site down or slows it.
 * Only the very first connection is awaited, for at most `dialTimeout` (1s by default).
 * ioredis loads with the first redis-backed rate limit (`import()`), not with wharf.
 */
export function createRedisStore(o: RedisOptions, p: BucketParams, keyPrefix: string, onError: (err: unknown) => void): BucketStore {
  const [host = '127.0.0.1', port = '6379'] = o.endpoints[0]!.split(':');
  const dialMs = durationMs(o.dialTimeout, 1000);
  let closed = false;
  const connecting = import('ioredis').then(({ Redis: RedisClient }) => {
    const client = new RedisClient({
      host,
      port: Number(port),
      username: o.username,
      password: o.password,
      db: o.db ?? 0,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: dialMs,
      commandTimeout: durationMs(o.readTimeout, 3000),
      lazyConnect: closed,
    }) as RateLimitRedis;
    client.on('error', () => undefined);
    client.defineCommand('wharfTakeToken', { numberOfKeys: 1, lua: SCRIPT });
    return { client, firstReady: waitReady(client, dialMs) };
  });
  return {
    async reserve(key): Promise<Reservation> {
      try {
        const { client, firstReady } = await connecting;
        if (client.status !== 'ready') await firstReady;
        const [allowed, delay] = await client.wharfTakeToken(`${keyPrefix}${key}`, p.ratePerMs, p.burst, p.maxDelayMs);
        return { allowed: allowed === 1, delayMs: Number(delay) };
      } catch (err) {
        onError(err);
        return { allowed: true, delayMs: 0 };
      }
    },
    close: () => {
      closed = true;
      void connecting.then(({ client }) => client.disconnect(), () => undefined);
    },
  };
}

/** Resolves when the client is first ready, or after `ms` (then commands fail fast). */
function waitReady(client: Redis, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    client.once('ready', done);
    client.once('end', done);
    function done() {
      clearTimeout(timer);
      client.off('ready', done);
      client.off('end', done);
      resolve();
    }
  });
}
