import { parseDuration, type DynamicConfig, type HttpHandler, type Provider, type RouterConfig } from '@wharf/config';
import type { StaticConfig } from './static/index.js';

/** Traefik's `acme-http@internal` router: priority max, on each HTTP-01 challenge entrypoint. */
const ACME_HTTP = 'acme-http';
const ACME_HTTP_PRIORITY = Number.MAX_SAFE_INTEGER;
/** the HTTP-01 challenge path prefix (RFC 8555 §8.3) */
export const ACME_HTTP_CHALLENGE_RULE = 'PathPrefix(`/.well-known/acme-challenge/`)';

const allowsByPass = (config: StaticConfig, entryPoint: string): boolean => config.entryPoints[entryPoint]?.allowACMEByPass === true;

/**
 * The HTTP-01 challenge routers (Traefik's internal provider, `pkg/provider/traefik/internal.go`):
 * `acme-http` with the highest priority on the challenge entrypoints, answered before any user
 * router; on those with `allowACMEByPass`, `acme-http-bypass` with the rule's default priority
 * instead, so a user router for the challenge path (with a higher priority) takes the requests.
 */
export function acmeHttpRouters(config: StaticConfig, challengeEntryPoints: readonly string[]): Record<string, RouterConfig> {
  const eps = [...new Set(challengeEntryPoints)];
  const byPass = eps.filter((ep) => allowsByPass(config, ep));
  const strict = eps.filter((ep) => !allowsByPass(config, ep));
  const service = `${ACME_HTTP}@internal`;
  return {
    ...(strict.length > 0 && { [ACME_HTTP]: { rule: ACME_HTTP_CHALLENGE_RULE, priority: ACME_HTTP_PRIORITY, entryPoints: strict, service } }),
    ...(byPass.length > 0 && { [`${ACME_HTTP}-bypass`]: { rule: ACME_HTTP_CHALLENGE_RULE, entryPoints: byPass, service } }),
  };
}

/**
 * Whether a ClientHello offering `acme-tls/1` on `entryPoint` goes through the TCP routers like
 * any other (Traefik's `EnableACMETLSPassthrough`, `pkg/server/routerfactory.go`) instead of
 * straight to wharf's TLS-ALPN-01 answer: with `allowACMEByPass`, or when no resolver uses
 * `tlsChallenge`. Without a matching TCP router the HTTPS side still answers the challenge.
 */
export function acmeTlsPassthrough(config: StaticConfig, entryPoint: string): boolean {
  const answersTlsChallenge = Object.values(config.certificatesResolvers ?? {}).some((r) => r.acme?.tlsChallenge !== undefined);
  return allowsByPass(config, entryPoint) || !answersTlsChallenge;
}

export interface AcmeWiring {
  /** one provider per ACME resolver (named as the resolver) */
  providers: Provider[];
  /** the `acme-http@internal` router, contributed to the `internal` provider; undefined without HTTP-01 */
  internalConfig?: DynamicConfig;
  /** `acme-http@internal`: answers `/.well-known/acme-challenge/<token>` */
  internalServices: Record<string, HttpHandler>;
}

/**
 * `certificatesResolvers.<name>.acme` → providers whose snapshots carry the obtained
 * certificates. `currentRouters` reads the live generation's routers (entrypoint models applied,
 * so an entrypoint's `http.tls.certResolver` counts and failures name the routers the API shows),
 * which say which domains each resolver must hold (`tls.certResolver`). `@wharf/provider-acme`
 * (and acme-client with it, at the first order) loads only when a resolver is configured.
 */
export async function createAcmeWiring(config: StaticConfig, currentRouters: () => Record<string, RouterConfig>): Promise<AcmeWiring> {
  const resolvers = Object.entries(config.certificatesResolvers ?? {}).filter(([, resolver]) => resolver.acme);
  if (resolvers.length === 0) return { providers: [], internalServices: {} };
  const { createAcmeProvider, domainsWanted, HttpChallengeStore } = await import('@wharf/provider-acme');
  const challenges = new HttpChallengeStore();
  const providers: Provider[] = [];
  const challengeEntryPoints = new Set<string>();
  // TLS-ALPN-01 certificates travel in the snapshot: the CA validates once the aggregator applied it
  const challengePublishDelayMs = parseDuration(config.providers.providersThrottleDuration) + 500;
  for (const [name, resolver] of resolvers) {
    if (!resolver.acme) continue;
    if (resolver.acme.httpChallenge) challengeEntryPoints.add(resolver.acme.httpChallenge.entryPoint);
    providers.push(createAcmeProvider({
      name, options: resolver.acme, httpChallenges: challenges, challengePublishDelayMs,
      domainsWanted: () => domainsWanted(currentRouters(), name),
    }));
  }
  const routers = acmeHttpRouters(config, [...challengeEntryPoints]);
  if (Object.keys(routers).length === 0) return { providers, internalServices: {} };
  const internalConfig: DynamicConfig = { http: { routers, services: {}, middlewares: {} } };
  const handler: HttpHandler = async (ex) => {
    const body = challenges.respond(ex.path);
    return body === undefined
      ? { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' }
      : { status: 200, headers: { 'content-type': 'text/plain' }, body };
  };
  return { providers, internalConfig, internalServices: { [`${ACME_HTTP}@internal`]: handler } };
}
