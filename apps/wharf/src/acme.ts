import { parseDuration, type DynamicConfig, type HttpHandler, type Provider, type RouterConfig } from '@wharf/config';
import type { StaticConfig } from './static/index.js';

/** Traefik's `acme-http@internal` router: priority max, on each HTTP-01 challenge entrypoint. */
const ACME_HTTP = 'acme-http';
const ACME_HTTP_PRIORITY = Number.MAX_SAFE_INTEGER;

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
  if (challengeEntryPoints.size === 0) return { providers, internalServices: {} };
  const router = { rule: 'PathPrefix(`/.well-known/acme-challenge/`)', priority: ACME_HTTP_PRIORITY, entryPoints: [...challengeEntryPoints], service: `${ACME_HTTP}@internal` };
  const internalConfig: DynamicConfig = { http: { routers: { [ACME_HTTP]: router }, services: {}, middlewares: {} } };
  const handler: HttpHandler = async (ex) => {
    const body = challenges.respond(ex.path);
    return body === undefined
      ? { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' }
      : { status: 200, headers: { 'content-type': 'text/plain' }, body };
  };
  return { providers, internalConfig, internalServices: { [`${ACME_HTTP}@internal`]: handler } };
}
