import { ACME_TLS_ALPN_PROTOCOL } from '@wharf/config';
import { compareTcpRoutes, type TcpConnectionInfo, type TcpMatcher } from '@wharf/router';
import type { HttpsServerNames, TcpEntryPointRoutes, TcpRoute } from '../types.js';

/** One TCP router on one entrypoint, in the order connections try them (priority, then name). */
export interface TcpRouteEntry {
  name: string;
  priority: number;
  /** the rule is exactly ``HostSNI(`*`)`` (Traefik's catch-all, tried after the HTTPS routers' hosts) */
  catchAll: boolean;
  match: TcpMatcher;
  route: TcpRoute;
}

/** An entrypoint's TCP routes as the proxy uses them, plus what the route tester walks. */
export type TcpTable = TcpEntryPointRoutes & {
  readonly entries: readonly TcpRouteEntry[];
  readonly https: HttpsServerNames | undefined;
  /** `acme-tls/1` ClientHellos go through the TCP routers too (Traefik's `EnableACMETLSPassthrough`) */
  readonly acmeTlsPassthrough?: boolean;
};

/** Where a connection goes: a TCP route, or on to the HTTP(S) side and why. */
export type TcpDecision =
  | { entry: TcpRouteEntry }
  | { toHttp: 'plain' | 'acme-tls' | 'https-host' | 'https-catch-all' | 'no-route' };

const CATCH_ALL = /^\s*HostSNI\(\s*[`"]\*[`"]\s*\)\s*$/;

export const isCatchAllRule = (rule: string): boolean => CATCH_ALL.test(rule);

/**
 * Traefik's shared-port order (`pkg/server/router/tcp/router.go` ServeTCP). Plaintext: the first
 * matching non-TLS TCP router, else HTTP. A ClientHello offering `acme-tls/1` goes to the TLS-ALPN-01
 * challenge server unless the entrypoint has ACME TLS passthrough (`allowACMEByPass`, or no
 * resolver uses `tlsChallenge`), where it is routed like any other. Otherwise an HTTPS router's host equal to the SNI
 * wins; then the first matching TLS TCP router unless it is the ``HostSNI(`*`)`` catch-all; then an
 * HTTPS router without host; then that catch-all; else HTTPS (its 404). `tried` collects the
 * routers of the connection's kind that did not match, in order.
 */
export function decideTcp(table: Pick<TcpTable, 'entries' | 'https' | 'acmeTlsPassthrough'>, conn: TcpConnectionInfo, tried?: TcpRouteEntry[]): TcpDecision {
  let first: TcpRouteEntry | undefined;
  const secure = conn.tls;
  if (secure && table.acmeTlsPassthrough !== true && conn.alpn.includes(ACME_TLS_ALPN_PROTOCOL)) return { toHttp: 'acme-tls' };
  if (secure && table.https?.has(conn.sni)) return { toHttp: 'https-host' };
  for (const e of table.entries) {
    if ((e.route.tls !== 'none') !== secure) continue;
    if (e.match(conn)) {
      first = e;
      break;
    }
    tried?.push(e);
  }
  if (!secure) return first ? { entry: first } : { toHttp: 'plain' };
  if (first && !first.catchAll) return { entry: first };
  if (table.https?.catchAll) return { toHttp: 'https-catch-all' };
  return first ? { entry: first } : { toHttp: 'no-route' };
}

/**
 * A Postgres client that sent an SSLRequest, was answered `S` and then sent `conn` (its ClientHello):
 * Traefik (`servePostgres`) looks only at the TLS TCP routers, termination and passthrough alike,
 * in their order, the ``HostSNI(`*`)`` catch-all included. No HTTPS router, no ACME challenge: a
 * Postgres client speaks neither. Nothing matching (or a plaintext `conn`) → the connection is closed.
 */
export function decidePostgresTcp(table: Pick<TcpTable, 'entries'>, conn: TcpConnectionInfo, tried?: TcpRouteEntry[]): TcpRouteEntry | undefined {
  if (!conn.tls) return undefined;
  for (const e of table.entries) {
    if (e.route.tls === 'none') continue;
    if (e.match(conn)) return e;
    tried?.push(e);
  }
  return undefined;
}

/**
 * The compiled table. With neither TLS TCP routers nor HTTPS routers on the entrypoint, a
 * connection is routed at once without reading a byte (server-speaks-first protocols), as Traefik.
 */
export function createTcpTable(list: TcpRouteEntry[], https: HttpsServerNames | undefined, acmeTlsPassthrough = false): TcpTable {
  list.sort(compareTcpRoutes);
  const table = { entries: list, https, acmeTlsPassthrough };
  return {
    ...table,
    plainOnly: list.every((e) => e.route.tls === 'none') && https === undefined,
    route(conn: TcpConnectionInfo) {
      const d = decideTcp(table, conn);
      return 'entry' in d ? d.entry.route : undefined;
    },
    routePostgres: (conn: TcpConnectionInfo) => decidePostgresTcp(table, conn)?.route,
  };
}
