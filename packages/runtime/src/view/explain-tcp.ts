import type { MatchCandidate, TcpMatchExplanation, TcpMatchMode, TcpMatchQuery } from '@wharf/config';
import type { TcpConnectionInfo } from '@wharf/router';
import type { Generation } from '../compile/generation.js';
import { decidePostgresTcp, decideTcp, type TcpDecision, type TcpRouteEntry } from '../l4/tcp-order.js';
import type { TcpRoute } from '../types.js';
import { explainHandshake } from './explain-tls.js';

const MODES: Record<TcpRoute['tls'], TcpMatchMode> = { none: 'plain', passthrough: 'passthrough', terminate: 'terminated' };

const TO_HTTP = {
  plain: 'no TCP router takes the plaintext connection: it goes on to the HTTP routers',
  'acme-tls': 'the ClientHello offers acme-tls/1: the ACME TLS-ALPN-01 challenge is answered by wharf, before any TCP router (entryPoints.<name>.allowACMEByPass lets TCP routers take it)',
  'https-host': 'an HTTPS router has this host: the connection goes to HTTPS (before any TLS TCP router)',
  'https-catch-all': 'no TCP router for this SNI and an HTTPS router has no host: the connection goes to HTTPS',
  'no-route': 'no TCP router takes the connection: it goes on to HTTPS (404 when no router matches)',
} as const;

const POSTGRES_CLOSED = 'no TLS TCP router takes the ClientHello after the Postgres SSLRequest: wharf answered S and closes the connection';

/**
 * The TCP route tester: walks the entrypoint's routers as a connection does (`decideTcp`, Traefik's
 * shared-port order; `decidePostgresTcp` for a ClientHello after a Postgres SSLRequest). With
 * neither TLS TCP nor HTTPS routers on the entrypoint nothing is read first, so every connection
 * is matched as a plain one.
 */
export function explainTcpMatch(gen: Generation, q: TcpMatchQuery): TcpMatchExplanation {
  if (!gen.tables.has(q.entryPoint)) return { matched: false, peeked: false, tried: [], reason: `entryPoint "${q.entryPoint}" doesn't exist` };
  const table = gen.tcpTable?.(q.entryPoint);
  if (table === undefined) return { matched: false, peeked: false, tried: [], fallback: 'http', reason: 'the entrypoint has no TCP routers: connections go to the HTTP(S) routers' };
  const peeked = !table.plainOnly;
  const sni = q.sni.toLowerCase().replace(/\.$/, '');
  const conn: TcpConnectionInfo = peeked && q.tls ? { sni, alpn: q.alpn, clientIp: q.clientIP, tls: true } : { sni: '', alpn: [], clientIp: q.clientIP, tls: false };
  const skipped: TcpRouteEntry[] = [];
  // an SSLRequest is only answered where wharf peeks; elsewhere its bytes are a plain connection's
  const postgres = peeked && q.postgres === true;
  const decision: TcpDecision | undefined = postgres ? postgresDecision(table, conn, skipped) : decideTcp(table, conn, skipped);
  const tried: MatchCandidate[] = skipped.map((e) => ({ router: e.name, priority: e.priority, matched: false }));
  if (decision === undefined) return { matched: false, peeked, tried, reason: POSTGRES_CLOSED };
  if (!('entry' in decision)) return { matched: false, peeked, tried, fallback: 'http', reason: TO_HTTP[decision.toHttp] };
  const { entry } = decision;
  const mode = MODES[entry.route.tls];
  const out: TcpMatchExplanation = { matched: true, router: entry.name, priority: entry.priority, service: entry.route.service, mode, peeked, tried };
  if (mode === 'terminated') {
    out.tls = gen.tls ? explainHandshake(gen.tls, q.entryPoint, sni, entry.route.tlsOptions) : { sni, options: entry.route.tlsOptions, refused: 'TLS is off: the connection is closed' };
  }
  return out;
}

function postgresDecision(table: Parameters<typeof decidePostgresTcp>[0], conn: TcpConnectionInfo, tried: TcpRouteEntry[]): TcpDecision | undefined {
  const entry = decidePostgresTcp(table, conn, tried);
  return entry && { entry };
}
