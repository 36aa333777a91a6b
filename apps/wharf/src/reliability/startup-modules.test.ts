import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnWharf, staleBuild } from './wharf-process.js';

// What a plain start loads, on the real binary (bin/wharf.mjs → dist/main.js): it needs `pnpm -s build` first.
const stale = staleBuild();
if (stale !== undefined && process.env.CI === 'true') throw new Error(`startup-modules suite: ${stale}`);
if (stale !== undefined) console.warn(`SKIPPED startup-modules suite: ${stale}`);

/**
 * A `node --import` preload that appends every module the process loads to `out`:
 * ES modules from a loader `load` hook (its own thread), CommonJS ones from `Module._load` (a
 * CommonJS package's own `require`s never reach the ESM hooks on Node 20).
 */
const preload = (out: string): string => `
import fs from 'node:fs';
import Module, { register } from 'node:module';
const out = ${JSON.stringify(out)};
register(new URL('./record-hooks.mjs', import.meta.url), { data: { out } });
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try { fs.appendFileSync(out, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {}
  return load.apply(this, arguments);
};
`;
const HOOKS = `
import fs from 'node:fs';
let out;
export function initialize(data) { out = data.out; }
export async function load(url, context, next) {
  fs.appendFileSync(out, url + '\\n');
  return next(url, context);
}
`;

/**
 * The optional parts whose clients are heavy load only when configured: ACME (acme-client with
 * node-forge), Docker (dockerode with ssh2 and gRPC), etcd and Redis (etcd3, ioredis), health
 * checks (undici), wharf's own endpoints (fastify) and Prometheus metrics (prom-client). The
 * generated default certificate and certificate info use node:crypto, not @peculiar/x509.
 */
/** Providers that are not configured load their `/options` entry (schemas) only, not their index. */
const UNCONFIGURED_PROVIDERS = ['provider-docker', 'provider-dns', 'provider-kv', 'provider-acme'].map((p) => `/packages/${p}/dist/index.js`);

const OPTIONAL = ['acme-client', 'node-forge', 'dockerode', 'ssh2', '@grpc/grpc-js', 'etcd3', 'ioredis', 'undici', 'fastify', 'ajv', 'prom-client', '@peculiar/x509'];

/** The npm package of a loaded file (`…/node_modules/@scope/name/…` → `@scope/name`), or undefined. */
function packageOf(file: string): string | undefined {
  const at = file.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const [first, second] = file.slice(at + '/node_modules/'.length).split('/');
  return first?.startsWith('@') ? `${first}/${second}` : first;
}

function get(port: number, path = '/'): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject).end();
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-modules-'));
  writeFileSync(join(dir, 'record-hooks.mjs'), HOOKS);
});

/** Router `r` to a server that is down (port 9), with the service's `loadBalancer` options, and `routers` more. */
const dynamic = (loadBalancer: string, routers = ''): string =>
  `http:\n  routers:\n    r: { rule: "PathPrefix(\`/\`)", service: s }\n${routers}  services:\n    s: { loadBalancer: { servers: [{ url: "http://127.0.0.1:9" }]${loadBalancer} } }\n`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Recorded {
  web: number;
  /** the files loaded so far */
  files(): string[];
  /** the npm packages loaded so far */
  loaded(): Set<string>;
  stop(): Promise<void>;
}

/** Starts the binary with `args` and the `--import` recorder; resolves once the entrypoint routes router `r`. */
async function startRecorded(name: string, args: string[], loadBalancer = '', routers = ''): Promise<Recorded> {
  const web = await freePort();
  const out = join(dir, `${name}.txt`);
  writeFileSync(out, '');
  writeFileSync(join(dir, `${name}.mjs`), preload(out));
  writeFileSync(join(dir, `${name}.yml`), dynamic(loadBalancer, routers));
  const wharf = await spawnWharf(
    [`--entrypoints.web.address=127.0.0.1:${web}`, `--providers.file.filename=${join(dir, `${name}.yml`)}`, '--providers.providersThrottleDuration=10ms', '--log.level=ERROR', ...args],
    // routed: 502 (the server is down) or 503 (health-checked down), not the 404 before the configuration
    async () => [502, 503].includes(await get(web)),
    20_000,
    ['--import', pathToFileURL(join(dir, `${name}.mjs`)).href],
  );
  const files = () => readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => decodeURIComponent(l.replace(/^file:\/\//, '')));
  const loaded = () => new Set(files().map(packageOf).filter((p): p is string => p !== undefined));
  const stop = async () => {
    wharf.child.kill('SIGTERM');
    await wharf.exited;
  };
  return { web, files, loaded, stop };
}

/** Starts, waits until routed, stops: what that start loaded. */
async function loadedBy(name: string, args: string[], loadBalancer = ''): Promise<Recorded> {
  const wharf = await startRecorded(name, args, loadBalancer);
  await wharf.stop();
  return wharf;
}

describe.skipIf(stale !== undefined)('modules loaded by a start (the real binary)', () => {
  it('a plain file-provider start loads none of the heavy optional clients', async () => {
    const plain = await loadedBy('plain', []);
    const loaded = plain.loaded();
    // the recording works: the file provider's own dependencies are there
    expect(loaded).toContain('chokidar');
    expect(loaded).toContain('yaml');
    expect(OPTIONAL.filter((p) => loaded.has(p))).toEqual([]);
    expect(plain.files().filter((f) => UNCONFIGURED_PROVIDERS.some((index) => f.endsWith(index)))).toEqual([]);
    expect(plain.files().some((f) => f.endsWith('/packages/provider-file/dist/index.js'))).toBe(true);
  }, 30_000);

  it('each loads once configured: the API brings fastify, metrics prom-client, a health check undici', async () => {
    const healthCheck = ', healthCheck: { path: /health, interval: 50ms }';
    const loaded = (await loadedBy('configured', ['--api.insecure', `--entrypoints.traefik.address=127.0.0.1:${await freePort()}`, '--metrics.prometheus'], healthCheck)).loaded();
    expect(loaded).toContain('fastify');
    expect(loaded).toContain('undici');
    expect(loaded).toContain('ajv');
    expect(loaded).toContain('prom-client');
    expect(loaded).not.toContain('dockerode');
  }, 30_000);

  it('without --api, a router to api@internal still answers: the API is built on its first request', async () => {
    const wharf = await startRecorded('on-demand', [], '', '    api: { rule: "PathPrefix(\`/api\`)", service: api@internal }\n');
    try {
      expect(wharf.loaded()).not.toContain('fastify');
      expect(await get(wharf.web, '/api/version')).toBe(200);
      expect(wharf.loaded()).toContain('fastify');
    } finally {
      await wharf.stop();
    }
  }, 30_000);
});
