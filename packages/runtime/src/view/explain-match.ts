import type { MatchCandidate, MatchExplanation, MatchQuery } from '@wharf/config';
import type { MatchRequest } from '@wharf/router';
import type { Generation } from '../compile/generation.js';
import { matchRequestFromQuery } from './match-request.js';

/** wharf: say when a disabled router would have matched (Traefik just answers 404). */
function disabledMatch(gen: Generation, entryPoint: string, req: MatchRequest): string | undefined {
  for (const r of Object.values(gen.validated.routers)) {
    if (r.status !== 'disabled' || !r.parsed || !r.using.includes(entryPoint)) continue;
    if (r.parsed.matcher(req)) return `router "${r.name}" matches but is disabled: ${r.errors.join('; ')}`;
  }
  return undefined;
}

/** The route tester: which router, chain and server a request would get, and why others lost. */
export function explainMatch(gen: Generation, query: MatchQuery): MatchExplanation {
  const table = gen.tables.get(query.entryPoint);
  if (!table) return { matched: false, tried: [], reason: `entryPoint "${query.entryPoint}" doesn't exist` };
  let req;
  try {
    req = matchRequestFromQuery(query);
  } catch {
    return { matched: false, tried: [], reason: `invalid URL "${query.url}"` };
  }
  const result = table.explain(req);
  const tried: MatchCandidate[] = result.tried
    .filter((t) => t.name !== result.entry?.name)
    .map((t) => ({ router: t.name, priority: t.priority, matched: false, ...(t.failedMatcher !== undefined && { failedMatcher: t.failedMatcher }) }));
  const entry = result.entry;
  if (!entry) return { matched: false, tried, reason: disabledMatch(gen, query.entryPoint, req) ?? '404 page not found: no router matches' };
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
  return out;
}
