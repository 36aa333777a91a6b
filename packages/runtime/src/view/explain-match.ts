import { isIP } from 'node:net';
import type { MatchCandidate, MatchExplanation, MatchQuery, MatchTls } from '@wharf/config';
import type { MatchRequest } from '@wharf/router';
import { tlsTable, type Generation } from '../compile/generation.js';
import { explainHandshake } from './explain-tls.js';
import { matchRequestFromQuery } from './match-request.js';

/** wharf: say when a disabled router would have matched (Traefik just answers 404). */
function disabledMatch(gen: Generation, entryPoint: string, req: MatchRequest, overTls: boolean): string | undefined {
  for (const r of Object.values(gen.validated.routers)) {
    if (r.status !== 'disabled' || !r.parsed || !r.using.includes(entryPoint) || (r.config.tls !== undefined) !== overTls) continue;
    if (r.parsed.matcher(req)) return `router "${r.name}" matches but is disabled: ${r.errors.join('; ')}`;
  }
  return undefined;
}

/** The ClientHello's server name for an https URL: the `sni` asked for, else the URL's host (none for an IP). */
function serverNameOf(query: MatchQuery): string {
  if (query.sni !== undefined) return query.sni.toLowerCase().replace(/\.$/, '');
  const host = new URL(query.url).hostname.replace(/^\[|\]$/g, '');
  return isIP(host) === 0 ? host.replace(/\.$/, '') : '';
}

/**
 * The route tester: which router, chain and server a request would get, and why others lost. An
 * `https://` URL is matched against the entrypoint's TLS routers only (an `http://` one against the
 * others, Traefik's split) and says which option set and certificate its handshake gets.
 */
export function explainMatch(gen: Generation, query: MatchQuery): MatchExplanation {
  if (!gen.tables.has(query.entryPoint)) return { matched: false, tried: [], reason: `entryPoint "${query.entryPoint}" doesn't exist` };
  let req;
  try {
    req = matchRequestFromQuery(query);
  } catch {
    return { matched: false, tried: [], reason: `invalid URL "${query.url}"` };
  }
  const overTls = /^https:\/\//i.test(query.url);
  let handshake: MatchTls | undefined;
  if (overTls) {
    if (gen.tls === undefined) return { matched: false, tried: [], reason: 'TLS is off: no certificate is configured' };
    handshake = explainHandshake(gen.tls, query.entryPoint, serverNameOf(query));
    if (handshake.refused !== undefined) return { matched: false, tried: [], tls: handshake, reason: `the TLS handshake is refused: ${handshake.refused}` };
  }
  const withTls = <T extends MatchExplanation>(out: T): T => (handshake ? { ...out, tls: handshake } : out);
  const table = gen.tables.get(overTls ? tlsTable(query.entryPoint) : query.entryPoint)!;
  const result = table.explain(req);
  const tried: MatchCandidate[] = result.tried
    .filter((t) => t.name !== result.entry?.name)
    .map((t) => ({ router: t.name, priority: t.priority, matched: false, ...(t.failedMatcher !== undefined && { failedMatcher: t.failedMatcher }) }));
  const entry = result.entry;
  if (!entry) return withTls({ matched: false, tried, reason: disabledMatch(gen, query.entryPoint, req, overTls) ?? '404 page not found: no router matches' });
  const route = entry.value;
  const server = route.compiled.peek({ clientIP: req.clientIP, cookie: req.headers['cookie'] as string | undefined });
  const out: MatchExplanation = {
    matched: true,
    router: route.router,
    priority: entry.priority,
    service: route.service,
    middlewares: route.middlewares,
    tried,
  };
  if (server !== undefined) out.server = server;
  else if (!route.compiled.available()) out.reason = 'no available server';
  return withTls(out);
}
