import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConfig, parseConfigText } from '@wharf/provider-file';
import { ETCD, REDIS, startEtcd, startRedis } from '../testing/kv-stores.js';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKvArgs } from './kv-args.js';
import { runKv } from './kv-cli.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'wharf.mjs');
const BUILT = existsSync(join(import.meta.dirname, '..', '..', 'dist', 'main.js'));
if (!BUILT) {
  if (process.env.CI === 'true') throw new Error('apps/wharf/dist is required in CI (npm test builds it first)');
  console.warn('[wharf] SKIPPING the wharf kv binary tests: apps/wharf is not built (pnpm -s build)');
}

const DYNAMIC = `
http:
  routers:
    api:
      rule: Host(\`api.localhost\`)
      entryPoints: [web]
      middlewares: [strip]
      service: api
      tls: {}
  services:
    api:
      loadBalancer:
        servers:
          - url: http://127.0.0.1:8081
          - url: http://127.0.0.1:8082
            weight: 2
  middlewares:
    strip:
      stripPrefix:
        prefixes: [/api]
`;

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

function wharf(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-kv-cli-'));
  file = join(dir, 'dynamic.yml');
  writeFileSync(file, DYNAMIC);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expected = () => {
  const parsed = parseConfigText(file, readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return buildConfig([parsed.file]).config.http;
};

describe('wharf kv arguments (the static-config flag parser)', () => {
  it('reads the command, the file and the store flags in every form', () => {
    const args = parseKvArgs(['put', '--providers.etcd.endpoints', '10.0.0.1:2379,10.0.0.2:2379', '--providers.etcd.rootkey=edge', 'x.yml']);
    expect(args.problems).toEqual([]);
    expect(args).toMatchObject({ command: 'put', files: ['x.yml'] });
    expect(args.target).toEqual({ kind: 'etcd', options: { endpoints: ['10.0.0.1:2379', '10.0.0.2:2379'], rootKey: 'edge' } });
    expect(parseKvArgs(['get', '--providers.redis']).target).toEqual({ kind: 'redis', options: { endpoints: ['127.0.0.1:6379'], rootKey: 'traefik', db: 0 } });
  });

  it('fails a typo with the same message as wharf --providers…', () => {
    const args = parseKvArgs(['get', '--providers.etcd.endpoint=127.0.0.1:2379']);
    expect(args.problems.map((p) => p.message)).toEqual(['unknown flag --providers.etcd.endpoint: did you mean --providers.etcd.endpoints?']);
    expect(parseKvArgs(['get', '--providers.redis.db=x']).problems[0]!.message).toBe('invalid value for --providers.redis.db=x: expected an integer, got "x"');
  });

  it('--help documents put, get and every store option', async () => {
    const { out, io } = capture();
    expect(await runKv(['--help'], io)).toBe(0);
    for (const text of ['wharf kv put', 'wharf kv get', '--providers.etcd.endpoints', '--providers.redis.db', '--providers.redis.tls.ca']) {
      expect(out.stdout).toContain(text);
    }
  });

  it('usage errors exit 2 and say what to do', async () => {
    for (const argv of [['get'], ['put', '--providers.etcd'], ['frob', '--providers.etcd'], ['get', '--providers.etcd', '--providers.redis']]) {
      const { out, io } = capture();
      expect(await runKv(argv, io)).toBe(2);
      expect(out.stderr).toMatch(/wharf kv: .+\nRun "wharf kv --help" for usage/);
    }
  });

  it('a file with an error writes nothing (the store is not even contacted)', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'http:\n  routers:\n    r:\n      rule: Path(`/`)\n      entrypoint: [web]\n');
    const { out, io } = capture();
    expect(await runKv(['put', '--providers.etcd.endpoints=127.0.0.1:1', bad], io)).toBe(1);
    expect(out.stderr).toContain('did you mean "entryPoints"');
    expect(out.stderr).toContain('nothing written');
  });
});

describe.skipIf(!ETCD || !REDIS)('wharf kv put/get round trip through both stores', () => {
  let etcd: Awaited<ReturnType<typeof startEtcd>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    [etcd, redis] = await Promise.all([startEtcd(), startRedis()]);
  }, 30_000);
  afterAll(async () => {
    await etcd?.cleanup();
    await redis?.cleanup();
  });

  it.each(['etcd', 'redis'])('%s: put then get prints the same configuration', async (kind) => {
    const flag = `--providers.${kind}.endpoints=127.0.0.1:${kind === 'etcd' ? etcd.port : redis.port}`;
    const put = capture();
    expect(await runKv(['put', flag, '--providers.' + kind + '.rootKey=cli', file], put.io)).toBe(0);
    expect(put.out.stdout).toMatch(/cli\/ now holds 9 keys \(9 written, 0 deleted\)/);
    const get = capture();
    expect(await runKv(['get', flag, '--providers.' + kind + '.rootKey=cli'], get.io)).toBe(0);
    expect(get.out.stderr).toBe('');
    expect(parse(get.out.stdout)).toEqual({ http: expected() });
  });

  it.skipIf(!BUILT)('through the real binary: wharf kv put, then wharf kv get, for etcd and redis', async () => {
    for (const [kind, port] of [['etcd', etcd.port], ['redis', redis.port]] as const) {
      const flag = `--providers.${kind}.endpoints=127.0.0.1:${port}`;
      const put = await wharf(['kv', 'put', flag, file]);
      expect(put.stderr).toBe('');
      expect(put.code).toBe(0);
      const get = await wharf(['kv', 'get', flag]);
      expect(get.code).toBe(0);
      expect(parse(get.stdout)).toEqual({ http: expected() });
    }
  }, 120_000); // four process starts: each loads the whole app, slow on a loaded machine

  it('an unreachable store exits 1 with a coded message', async () => {
    const { out, io } = capture();
    expect(await runKv(['get', '--providers.redis.endpoints=127.0.0.1:1'], io)).toBe(1);
    expect(out.stderr).toContain('WHARF_KV_UNAVAILABLE');
  });
});
