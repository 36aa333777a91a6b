import { stringify } from 'yaml';

/**
 * The embedded demo's dynamic configuration (Traefik file-provider format): `/` balanced over
 * the three local whoami backends with health checks, sticky cookies and retries, plus a few
 * routes that show middlewares; the same over HTTPS on `websecure` (HTTP/2, the generated default
 * certificate) and a TCP router to an echo server. Users edit the written file and watch it reload live.
 */
export function demoDynamicConfig(backends: string[], echo: string): string {
  const config = {
    http: {
      routers: {
        whoami: {
          rule: 'PathPrefix(`/`)',
          entryPoints: ['web'],
          service: 'whoami',
          middlewares: ['retry'],
        },
        sticky: {
          rule: 'PathPrefix(`/sticky`)',
          entryPoints: ['web'],
          service: 'whoami-sticky',
          middlewares: ['strip-sticky'],
        },
        'whoami-secure': {
          rule: 'PathPrefix(`/`)',
          entryPoints: ['websecure'],
          service: 'whoami',
          tls: {},
        },
        'api-json': {
          rule: 'Path(`/json`)',
          // Traefik semantics: priority defaults to the rule's length, and `PathPrefix(`/`)` is longer
          priority: 100,
          entryPoints: ['web'],
          service: 'whoami',
          middlewares: ['to-api', 'security-headers'],
        },
      },
      services: {
        whoami: {
          loadBalancer: {
            servers: backends.map((url) => ({ url })),
            healthCheck: { path: '/health', interval: '2s', timeout: '1s' },
          },
        },
        'whoami-sticky': {
          loadBalancer: {
            servers: backends.map((url) => ({ url })),
            sticky: { cookie: { name: 'wharf_demo', httpOnly: true } },
            healthCheck: { path: '/health', interval: '2s', timeout: '1s' },
          },
        },
      },
      middlewares: {
        retry: { retry: { attempts: 3 } },
        'strip-sticky': { stripPrefix: { prefixes: ['/sticky'] } },
        'to-api': { replacePath: { path: '/api' } },
        'security-headers': { headers: { frameDeny: true, contentTypeNosniff: true, customResponseHeaders: { 'X-Served-By': 'wharf' } } },
      },
    },
    tcp: {
      routers: { echo: { rule: 'HostSNI(`*`)', entryPoints: ['tcp'], service: 'echo' } },
      services: { echo: { loadBalancer: { servers: [{ address: echo }] } } },
    },
  };
  return `# wharf demo: edit me, changes are live within a second\n${stringify(config)}`;
}
