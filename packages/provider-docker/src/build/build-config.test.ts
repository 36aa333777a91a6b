import { describe, expect, it } from 'vitest';
import { buildConfig } from './build-config.js';
import { composeContainer, container, defaults } from './fixtures/containers.js';

const codes = (snapshot: ReturnType<typeof buildConfig>): string[] => snapshot.diagnostics.map((d) => d.code);

describe('buildConfig: defaults and naming', () => {
  it('creates a service and a router named after the compose service and project', () => {
    const c = composeContainer('demo', 'whoami', 1);
    const { config, diagnostics } = buildConfig([c], defaults);
    expect(diagnostics).toEqual([]);
    expect(config.http.services).toEqual({ 'whoami-demo': { loadBalancer: { servers: [{ url: 'http://172.30.0.11:80' }] } } });
    expect(config.http.routers).toEqual({ 'whoami-demo': { rule: 'Host(`whoami-demo`)', service: 'whoami-demo' } });
  });

  it('uses the container name for standalone containers, normalised', () => {
    const c = container({ name: 'my_web.app' });
    const { config } = buildConfig([c], defaults);
    expect(Object.keys(config.http.routers)).toEqual(['my-web-app']);
  });

  it.each([
    ['{{ .Name }}.example.com', 'whoami-demo.example.com'],
    ['Host(`{{ .ContainerName }}`)', 'Host(`demo_whoami_1`)'],
    ['Host(`{{ normalize .ContainerName }}`)', 'Host(`demo-whoami-1`)'],
    ['Host(`{{ index .Labels "domain" }}`)', 'Host(`a.test`)'],
    ['PathPrefix(`/x`)', 'PathPrefix(`/x`)'],
  ])('renders defaultRule %s', (template, rule) => {
    const c = composeContainer('demo', 'whoami', 1, { name: 'demo_whoami_1', labels: { domain: 'a.test' } });
    const { config } = buildConfig([c], { ...defaults, defaultRule: template });
    expect(config.http.routers['whoami-demo']?.rule).toBe(rule);
  });

  it('drops the router with a diagnostic when the template is unsupported', () => {
    const { config, diagnostics } = buildConfig([container()], { ...defaults, defaultRule: 'Host(`{{ .Foo | lower }}`)' });
    expect(config.http.routers).toEqual({});
    expect(diagnostics[0]?.code).toBe('DOCKER_RULE_UNDEFINED');
  });

  it('links a labelled router to the only service and keeps label options', () => {
    const c = container({
      name: 'web',
      labels: {
        'traefik.http.routers.r.rule': 'PathPrefix(`/`)',
        'traefik.http.routers.r.entrypoints': 'web, websecure',
        'traefik.http.services.s.loadbalancer.server.port': '8080',
        'traefik.http.services.s.loadbalancer.sticky.cookie.name': 'MY_SERVICE_ADDRESS',
        'traefik.HTTP.Services.s.loadbalancer.PassHostHeader': 'false',
      },
      ports: [{ port: 80, protocol: 'tcp' }, { port: 8080, protocol: 'tcp' }],
    });
    const { config, diagnostics } = buildConfig([c], defaults);
    expect(diagnostics).toEqual([]);
    expect(config.http.routers.r).toEqual({ rule: 'PathPrefix(`/`)', entryPoints: ['web', 'websecure'], service: 's' });
    expect(config.http.services.s?.loadBalancer).toEqual({
      passHostHeader: false, sticky: { cookie: { name: 'MY_SERVICE_ADDRESS' } },
      servers: [{ url: `http://${c.networks.bridge!.ipv4}:8080` }],
    });
  });

  it('does not auto-create a router for two services and says why', () => {
    const c = container({ labels: { 'traefik.http.services.a.loadbalancer.server.port': '80', 'traefik.http.services.b.loadbalancer.server.port': '81' } });
    const snapshot = buildConfig([c], defaults);
    expect(snapshot.config.http.routers).toEqual({});
    expect(Object.keys(snapshot.config.http.services).sort()).toEqual(['a', 'b']);
    expect(codes(snapshot)).toEqual(['DOCKER_TOO_MANY_SERVICES']);
  });

  it('drops a router without service when the container has several services', () => {
    const c = container({ labels: {
      'traefik.http.routers.r.rule': 'Path(`/`)',
      'traefik.http.services.a.loadbalancer.server.port': '80', 'traefik.http.services.b.loadbalancer.server.port': '81',
    } });
    const snapshot = buildConfig([c], defaults);
    expect(snapshot.config.http.routers).toEqual({});
    expect(codes(snapshot)).toEqual(['DOCKER_ROUTER_SERVICE_AMBIGUOUS']);
  });

  it('decodes middlewares and weighted services from labels', () => {
    const c = container({ labels: {
      'traefik.http.middlewares.strip.stripprefix.prefixes': '/a,/b',
      'traefik.http.middlewares.retry.retry.attempts': '3',
      'traefik.http.services.canary.weighted.services[0].name': 'v1',
      'traefik.http.services.canary.weighted.services[0].weight': '9',
      'traefik.http.services.canary.weighted.services[1].name': 'v2',
      'traefik.http.routers.r.rule': 'Host(`x`)', 'traefik.http.routers.r.service': 'canary',
    } });
    const { config, diagnostics } = buildConfig([c], defaults);
    expect(diagnostics).toEqual([]);
    // middleware options stay raw here; the runtime validates them with each middleware's schema
    expect(config.http.middlewares).toEqual({ strip: { stripprefix: { prefixes: '/a,/b' } }, retry: { retry: { attempts: '3' } } });
    expect(config.http.services.canary).toEqual({ weighted: { services: [{ name: 'v1', weight: 9 }, { name: 'v2' }] } });
  });
});

describe('buildConfig: filtering', () => {
  it.each([
    ['exposedByDefault true, no label', true, {}, true],
    ['exposedByDefault false, no label', false, {}, false],
    ['exposedByDefault false, enable=true', false, { 'traefik.enable': 'true' }, true],
    ['exposedByDefault true, enable=false', true, { 'traefik.enable': 'false' }, false],
  ])('%s', (_name, exposedByDefault, labels, kept) => {
    const { config } = buildConfig([container({ labels })], { ...defaults, exposedByDefault });
    expect(Object.keys(config.http.services).length > 0).toBe(kept);
  });

  it.each([
    ['Label(`env`,`prod`)', true],
    ['Label(`env`,`dev`)', false],
    ['!Label(`env`,`dev`)', true],
    ['LabelRegex(`env`,`pr.*`) && Label(`team`,`a`)', true],
    ['Label(`env`,`dev`) || (Label(`team`,`a`) && !Label(`x`,`y`))', true],
    ['LabelRegex(`env`,`^rod`)', false],
  ])('constraints %s → kept %s', (constraints, kept) => {
    const { config } = buildConfig([container({ labels: { env: 'prod', team: 'a' } })], { ...defaults, constraints });
    expect(Object.keys(config.http.services).length > 0).toBe(kept);
  });

  it('reports invalid constraints and keeps nothing', () => {
    const snapshot = buildConfig([container()], { ...defaults, constraints: 'Label(`a`' });
    expect(snapshot.config.http.services).toEqual({});
    expect(codes(snapshot)).toEqual(['DOCKER_CONSTRAINTS_INVALID']);
  });

  it('skips exited, starting, unhealthy and draining containers', () => {
    const snapshot = buildConfig([
      container({ status: 'exited' }), container({ health: 'starting' }), container({ health: 'unhealthy' }),
      container({ draining: true }),
    ], defaults);
    expect(snapshot.config.http.services).toEqual({});
    expect(codes(snapshot)).toEqual(['DOCKER_CONTAINER_UNHEALTHY', 'DOCKER_CONTAINER_UNHEALTHY', 'DOCKER_CONTAINER_DRAINING']);
  });

  it('keeps healthy containers and those without a HEALTHCHECK', () => {
    const { config } = buildConfig([container({ name: 'a', health: 'healthy' }), container({ name: 'b' })], defaults);
    expect(Object.keys(config.http.services).sort()).toEqual(['a', 'b']);
  });

  it('allowEmptyServices keeps an unhealthy container without servers', () => {
    const { config } = buildConfig([container({ name: 'a', health: 'unhealthy' })], { ...defaults, allowEmptyServices: true });
    expect(config.http.services.a).toEqual({ loadBalancer: { servers: [] } });
    expect(config.http.routers.a?.service).toBe('a');
  });

  it('traefik.docker.allownonrunning keeps an exited container without servers', () => {
    const c = container({ name: 'a', status: 'exited', ports: [], labels: { 'traefik.docker.allownonrunning': 'true' } });
    const { config } = buildConfig([c], defaults);
    expect(config.http.services.a).toEqual({ loadBalancer: { servers: [] } });
  });

  it('honours a custom label prefix', () => {
    const c = container({ name: 'a', labels: { 'wharf.enable': 'true', 'traefik.enable': 'false' } });
    const { config } = buildConfig([c], { ...defaults, exposedByDefault: false, labelPrefix: 'wharf' });
    expect(Object.keys(config.http.services)).toEqual(['a']);
  });
});
