import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startWhoami, type WhoamiServer } from '@wharf/whoami';
import { loadStaticConfig } from '../static/index.js';
import { startWharf, type RunningWharf } from '../wharf.js';
import { createLogger } from '../logger.js';

/** A wharf on loopback (random ports) over a watched dynamic file, for integration tests. */
export interface TestWharf {
  wharf: RunningWharf;
  /** http://127.0.0.1:<port> of an entrypoint (default `web`) */
  url(entryPoint?: string): string;
  apiURL(): string;
  file: string;
  /** rewrite the dynamic file and wait until a generation with `predicate` true is live */
  update(dynamic: unknown, predicate?: () => boolean): Promise<void>;
  close(): Promise<void>;
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function startTestWharf(dynamic: unknown, extraFlags: string[] = []): Promise<TestWharf> {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-it-'));
  const file = join(dir, 'dynamic.yml');
  writeFileSync(file, typeof dynamic === 'string' ? dynamic : stringify(dynamic));
  const config = loadStaticConfig({
    argv: [
      '--entrypoints.web.address=127.0.0.1:0',
      '--entrypoints.traefik.address=127.0.0.1:0',
      '--api.insecure=true',
      `--providers.file.filename=${file}`,
      '--providers.providersThrottleDuration=20ms',
      ...extraFlags,
    ],
    env: {},
    cwd: dir,
  });
  const wharf = await startWharf(config, { logger: createLogger({ level: process.env.WHARF_TEST_LOG ?? 'FATAL' }) });
  await waitFor(() => wharf.runtime.source.view().generation > 0, 10_000, 'first generation');
  const url = (ep = 'web') => `http://127.0.0.1:${wharf.addresses[ep]!.port}`;
  return {
    wharf,
    url,
    apiURL: () => url('traefik'),
    file,
    async update(next, predicate) {
      const before = wharf.runtime.source.view().generation;
      writeFileSync(file, typeof next === 'string' ? next : stringify(next));
      await waitFor(() => wharf.runtime.source.view().generation > before && (predicate?.() ?? true), 10_000, 'config reload');
    },
    async close() {
      await wharf.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startBackends(n: number): Promise<WhoamiServer[]> {
  const out: WhoamiServer[] = [];
  for (let i = 1; i <= n; i++) out.push(await startWhoami({ host: '127.0.0.1', port: 0, name: `w${i}` }));
  return out;
}

/** A single-service config: router `r` on `rule` → service `s` over `urls`. */
export function simpleConfig(urls: string[], extra: { rule?: string; lb?: Record<string, unknown>; middlewares?: Record<string, unknown>; routerMiddlewares?: string[] } = {}) {
  return {
    http: {
      routers: { r: { rule: extra.rule ?? 'PathPrefix(`/`)', service: 's', ...(extra.routerMiddlewares ? { middlewares: extra.routerMiddlewares } : {}) } },
      services: { s: { loadBalancer: { servers: urls.map((url) => ({ url })), ...extra.lb } } },
      ...(extra.middlewares ? { middlewares: extra.middlewares } : {}),
    },
  };
}
