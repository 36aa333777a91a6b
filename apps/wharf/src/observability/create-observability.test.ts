import { request } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWhoami, type WhoamiServer } from '@wharf/whoami';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createLogger } from '../logger.js';
import { loadStaticConfig } from '../static/index.js';
import { startWharf, type RunningWharf } from '../wharf.js';
import type { Observability } from './create-observability.js';

const dir = mkdtempSync(join(tmpdir(), 'wharf-observability-'));
const accessLogPath = join(dir, 'access.log');
let backends: WhoamiServer[] = [];
let wharf: RunningWharf | undefined;
let obs: Observability;
let webURL = '';
let routesURL = '';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 500 && Date.now() < deadline; i++) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** GET with an explicit Host header (fetch always sends the URL's host) → status */
function get(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.end();
  });
}

function metricValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

beforeAll(async () => {
  for (const name of ['one', 'two']) backends.push(await startWhoami({ host: '127.0.0.1', port: 0, name }));
  const file = join(dir, 'dynamic.yml');
  const routers = { app: { rule: 'Host(`app.localhost`)', entryPoints: ['web'], service: 'app' } };
  const services = { app: { loadBalancer: { servers: backends.map((b) => ({ url: b.url })) } } };
  writeFileSync(file, stringify({ http: { routers, services } }));
  const config = loadStaticConfig({
    argv: [
      '--entrypoints.web.address=127.0.0.1:0',
      '--entrypoints.traefik.address=127.0.0.1:0',
      `--providers.file.filename=${file}`,
      '--providers.providersThrottleDuration=50ms',
      '--api.insecure=true',
      '--api.basePath=/edge/',
      '--metrics.prometheus=true',
      '--metrics.prometheus.addRoutersLabels=true',
      `--accesslog.filepath=${accessLogPath}`,
      '--log.level=ERROR',
    ],
    env: {},
    cwd: dir,
  });
  wharf = await startWharf(config, { logger: createLogger(config.log) });
  obs = wharf.observability;
  webURL = `http://127.0.0.1:${wharf.addresses.web!.port}`;
  routesURL = `http://127.0.0.1:${wharf.addresses.traefik!.port}`;
});

afterAll(async () => {
  await wharf?.close();
  await Promise.all(backends.map((b) => b.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('createObservability with the real app', () => {
  it('records real traffic in /metrics, the access log and live traffic', async () => {
    const tally = new Map<number, number>();
    const hit = async (host: string) => {
      const status = await get(`${webURL}/hello`, host);
      tally.set(status, (tally.get(status) ?? 0) + 1);
      return status;
    };
    await until('the app router', async () => ((await hit('app.localhost')) === 200 ? true : undefined));
    for (let i = 0; i < 10; i++) expect(await hit('app.localhost')).toBe(200);
    expect(await hit('nope.localhost')).toBe(404);

    const text = await until('11+ counted requests', async () => {
      const t = await (await fetch(`${routesURL}/metrics`)).text();
      return (metricValue(t, 'traefik_service_requests_total', { service: 'app@file', code: '200' }) ?? 0) >= 11 ? t : undefined;
    });
    const ok200 = metricValue(text, 'traefik_entrypoint_requests_total', { entrypoint: 'web', code: '200', method: 'GET', protocol: 'http' })!;
    expect(metricValue(text, 'traefik_service_requests_total', { service: 'app@file', code: '200' })).toBe(ok200);
    expect(metricValue(text, 'traefik_router_requests_total', { router: 'app@file', service: 'app@file', code: '200' })).toBe(ok200);
    expect(ok200).toBe(tally.get(200));
    expect(metricValue(text, 'traefik_entrypoint_requests_total', { entrypoint: 'web', code: '404' })).toBe(tally.get(404));
    expect(metricValue(text, 'traefik_service_responses_bytes_total', { service: 'app@file', code: '200' })).toBeGreaterThan(0);
    for (const b of backends) expect(metricValue(text, 'traefik_service_server_up', { service: 'app@file', url: b.url })).toBe(1);
    expect(metricValue(text, 'traefik_open_connections', { entrypoint: 'web', protocol: 'TCP' })).toBeGreaterThanOrEqual(0);
    expect(metricValue(text, 'traefik_open_connections', { entrypoint: 'traefik' })).toBeUndefined();
    const generation = wharf!.runtime.source.view().generation;
    expect(Number(/^traefik_config_reloads_total (\S+)$/m.exec(text)?.[1])).toBe(generation);
    expect(Number(/^traefik_config_last_reload_success (\S+)$/m.exec(text)?.[1])).toBeGreaterThan(1_700_000_000);
    obs.onConfigApplied(generation, true); // already counted from the event
    obs.onConfigApplied(generation + 1, false);
    const after = await (await fetch(`${routesURL}/metrics`)).text();
    expect(Number(/^traefik_config_reloads_total (\S+)$/m.exec(after)?.[1])).toBe(generation + 1);

    const traffic = (await (await fetch(`${routesURL}/edge/api/wharf/traffic`)).json()) as { services: { name: string; requests: number; status: Record<string, number> }[] };
    const app = traffic.services.find((s) => s.name === 'app@file')!;
    expect(app.requests).toBe(ok200);
    expect(app.status['2xx']).toBe(ok200);
    const stats = (await (await fetch(`${routesURL}/edge/api/wharf/traffic/stats`)).json()) as { servers: { url: string; total: number; health: string }[] };
    expect(stats.servers.map((s) => s.url).sort()).toEqual(backends.map((b) => b.url).sort());
    expect(stats.servers.reduce((n, s) => n + s.total, 0)).toBe(ok200);
    expect(stats.servers.every((s) => s.health === 'UP')).toBe(true);

    // logrotate: move the file, send SIGUSR1, the next line lands in a new file
    await until('queued access-log lines written', async () => (readFileSync(accessLogPath, 'utf8').split('\n').length > ok200 + tally.get(404)! ? true : undefined));
    renameSync(accessLogPath, `${accessLogPath}.1`);
    process.kill(process.pid, 'SIGUSR1');
    await until('reopened access log', async () => (existsSync(accessLogPath) ? true : undefined));
    expect(await hit('app.localhost')).toBe(200);
    await obs.accessLog!.close();
    expect(readFileSync(accessLogPath, 'utf8')).toMatch(/^127\.0\.0\.1 - - .*" 200 /);
    const lines = readFileSync(`${accessLogPath}.1`, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(tally.get(200)! - 1 + tally.get(404)!);
    expect(lines.at(-1)).toMatch(/^127\.0\.0\.1 - - \[[^\]]+\] "GET \/hello HTTP\/1\.1" 404 \d+ "-" "[^"]*" \d+ "-" "-" \d+ms$/);
    expect(lines.find((l) => l.includes('" 200 '))).toMatch(/"GET \/hello HTTP\/1\.1" 200 \d+ .* "app@file" "http:\/\/127\.0\.0\.1:\d+" \d+ms$/);
  });
});
