import type { EntryPointInfo, RuntimeSource } from '@wharf/config';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

export interface VersionInfo {
  Version: string;
  Codename: string;
  /** ISO time the process started */
  startDate: string;
  /** `--api.disableDashboardAd` (Traefik's UI hides its Hub button when true) */
  disableDashboardAd?: boolean;
  /** `--api.dashboardName`, shown in the page title by Traefik's UI */
  dashboardName?: string;
}

export interface PingOptions {
  isShuttingDown(): boolean;
  /** status answered while shutting down (Traefik default 503) */
  terminatingStatusCode: number;
}

export interface ApiServerOptions {
  source: RuntimeSource;
  entryPoints: EntryPointInfo[];
  version: VersionInfo;
  /** `--api.basePath`; must start and end with `/` (default `/`) */
  basePath?: string;
  /** serve the dashboard at `<basePath>dashboard/` */
  dashboard: boolean;
  /** the built apps/dashboard/dist */
  dashboardDir?: string;
  /** answer `/ping` */
  ping?: PingOptions;
  /** more routes (metrics) registered on the same instance, after the API's own */
  extraRoutes?: (app: FastifyInstance) => void;
  /** `true`/`false`, or a pino-compatible logger instance */
  logger?: boolean | FastifyBaseLogger;
  /** SSE heartbeat period in ms (default 15000) */
  heartbeatMs?: number;
}

/** `/`, `/sub`, `sub/` → `/`, `/sub/`, `/sub/`. */
export function normalizeBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '/').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}
