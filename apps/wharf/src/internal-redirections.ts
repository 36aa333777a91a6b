import type { DynamicConfig, Provider } from '@wharf/config';
import { ACME_HTTP_CHALLENGE_RULE } from './acme.js';
import type { StaticConfig } from './static/index.js';

/** Traefik's `MaxInt-1`, within what a JavaScript number holds exactly */
// one below acme-http@internal (Traefik: MaxInt-1 and MaxInt), so HTTP-01 challenges are answered before the redirect
const REDIRECT_PRIORITY = Number.MAX_SAFE_INTEGER - 1;

/** `to`'s port: `:443` as written, or the named entrypoint's address port. */
function targetPort(config: StaticConfig, to: string): string | undefined {
  if (/^:\d+$/.test(to)) return to.slice(1);
  const target = Object.values(config.entryPoints).find((ep) => ep.name.toLowerCase() === to.toLowerCase());
  return target === undefined ? undefined : String(target.parsedAddress.port);
}

/**
 * `entryPoints.<n>.http.redirections.entryPoint` as Traefik's internal provider builds it
 * (`pkg/provider/traefik/internal.go`): router `<ep>-to-<to>@internal` (rule HostRegexp(`^.+$`),
 * without the ACME challenge path when the entrypoint has `allowACMEByPass`; the redirection's
 * priority) → middleware `redirect-<ep>-to-<to>@internal` (redirectScheme with the target's port,
 * permanent → 301/308, else 302/307) → `noop@internal`.
 * Returns the config and one message per redirection that cannot be built.
 */
export function redirectionsConfig(config: StaticConfig): { config: DynamicConfig; problems: string[] } {
  const out: DynamicConfig = { http: { routers: {}, services: {}, middlewares: {} } };
  const problems: string[] = [];
  for (const ep of Object.values(config.entryPoints)) {
    const r = ep.http.redirections?.entryPoint;
    if (r === undefined) continue;
    const port = targetPort(config, r.to);
    if (port === undefined) {
      problems.push(`entryPoint ${ep.name}: 'to' entry point field references a non-existing entry point: ${r.to}`);
      continue;
    }
    const name = `${ep.name}-to-${r.to.replace(/^:/, '')}`.replace(/[^A-Za-z0-9-]/g, '-');
    out.http.middlewares[`redirect-${name}`] = { redirectScheme: { scheme: r.scheme, port, permanent: r.permanent } };
    out.http.routers[name] = {
      // allowACMEByPass: challenge requests stay on this entrypoint, for the user's router (Traefik)
      rule: ep.allowACMEByPass ? `HostRegexp(\`^.+$\`) && !${ACME_HTTP_CHALLENGE_RULE}` : 'HostRegexp(`^.+$`)',
      entryPoints: [ep.name],
      middlewares: [`redirect-${name}`],
      service: 'noop@internal',
      priority: r.priority ?? REDIRECT_PRIORITY,
    };
  }
  return { config: out, problems };
}

/**
 * The `internal` provider: one snapshot made of wharf's own contributions (the entrypoint
 * redirections here, ACME's challenge router from acme.ts), kept until wharf stops.
 */
export function createInternalProvider(config: StaticConfig, warn: (message: string) => void, extra: DynamicConfig[] = []): Provider {
  return {
    name: 'internal',
    async start(emit, signal) {
      const { config: dynamic, problems } = redirectionsConfig(config);
      for (const p of problems) warn(p);
      for (const more of extra) {
        Object.assign(dynamic.http!.routers!, more.http?.routers);
        Object.assign(dynamic.http!.middlewares!, more.http?.middlewares);
        Object.assign(dynamic.http!.services!, more.http?.services);
      }
      emit({ config: dynamic, diagnostics: [] });
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
    },
  };
}
