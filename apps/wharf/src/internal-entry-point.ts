import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { createApiServer, createInternalApiHandler } from '@wharf/api';
import type { EntryPointInfo, HttpHandler, RuntimeSource } from '@wharf/config';
import type { FastifyInstance } from 'fastify';
import { wharfVersion, type StaticConfig } from './static/index.js';

export interface InternalEntryPoint {
  app: FastifyInstance;
  /** `api@internal` / `dashboard@internal` for routers on user entrypoints */
  handler: HttpHandler;
  shuttingDown: { value: boolean };
}

/** Where the built dashboard lives (apps/dashboard/dist), if it was built. */
function findDashboardDir(): string | undefined {
  const candidates = [process.env.WHARF_DASHBOARD_DIR];
  try {
    const require = createRequire(import.meta.url);
    candidates.push(join(dirname(require.resolve('@wharf/dashboard/package.json')), 'dist'));
  } catch {
    // not installed next to the app (e.g. a trimmed image): fall back to the repository layout
  }
  candidates.push(join(dirname(new URL(import.meta.url).pathname), '..', '..', 'dashboard', 'dist'));
  return candidates.find((dir) => dir !== undefined && existsSync(join(dir, 'index.html')));
}

/**
 * The `traefik` entrypoint's content: API + dashboard (api.insecure), /ping and /metrics. The
 * composition root imports this module (and so fastify) only when one of them is configured, or
 * when a router on a user entrypoint first sends a request to `api@internal`.
 */
export function createInternalEntryPoint(
  config: StaticConfig,
  source: RuntimeSource,
  entryPoints: EntryPointInfo[],
  extraRoutes?: (app: FastifyInstance) => void,
): InternalEntryPoint {
  const shuttingDown = { value: false };
  const app = createApiServer({
    source,
    entryPoints,
    version: {
      Version: wharfVersion(),
      Codename: 'wharf',
      startDate: new Date().toISOString(),
      disableDashboardAd: config.api?.disableDashboardAd ?? false,
      ...(config.api?.dashboardName ? { dashboardName: config.api.dashboardName } : {}),
    },
    basePath: config.api?.basePath ?? '/',
    dashboard: config.api?.dashboard ?? false,
    dashboardDir: findDashboardDir(),
    ping: config.ping
      ? { isShuttingDown: () => shuttingDown.value, terminatingStatusCode: config.ping.terminatingStatusCode }
      : undefined,
    extraRoutes,
  });
  return { app, handler: createInternalApiHandler(app), shuttingDown };
}
