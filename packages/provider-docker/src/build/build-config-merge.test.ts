import { describe, expect, it } from 'vitest';
import { buildConfig } from './build-config.js';
import { composeContainer, container, defaults } from './fixtures/containers.js';

const seedLabels = {
  'traefik.enable': 'true',
  'traefik.http.routers.whoami.rule': 'PathPrefix(`/`)',
  'traefik.http.services.whoami.loadbalancer.server.port': '80',
  'traefik.http.services.whoami.loadbalancer.sticky.cookie.name': 'MY_SERVICE_ADDRESS',
};

describe('buildConfig: replicas and conflicts', () => {
  it('merges replicas into one service with de-duplicated servers', () => {
    const replicas = [1, 2, 3].map((i) => composeContainer('demo', 'whoami', i, { labels: seedLabels }));
    const duplicate = composeContainer('demo', 'whoami', 4, { labels: seedLabels, networks: replicas[0]!.networks });
    const { config, diagnostics } = buildConfig([...replicas, duplicate], { ...defaults, exposedByDefault: false });
    expect(diagnostics).toEqual([]);
    expect(Object.keys(config.http.routers)).toEqual(['whoami']);
    const servers = config.http.services.whoami?.loadBalancer?.servers?.map((s) => s.url).sort();
    expect(servers).toEqual(['http://172.30.0.11:80', 'http://172.30.0.12:80', 'http://172.30.0.13:80']);
    expect(config.http.services.whoami?.loadBalancer?.sticky).toEqual({ cookie: { name: 'MY_SERVICE_ADDRESS' } });
  });

  it('disables only the conflicting element and names the containers that disagree', () => {
    const a = container({ name: 'alpha', labels: { 'traefik.http.routers.r.rule': 'Host(`a`)', 'traefik.http.routers.r.service': 'shared',
      'traefik.http.services.shared.loadbalancer.passhostheader': 'false' } });
    const b = container({ name: 'beta', labels: { 'traefik.http.routers.r.rule': 'Host(`a`)', 'traefik.http.routers.r.service': 'shared',
      'traefik.http.services.shared.loadbalancer.passhostheader': 'true' } });
    const c = container({ name: 'gamma', labels: { 'traefik.http.routers.r.rule': 'Host(`a`)', 'traefik.http.routers.r.service': 'shared',
      'traefik.http.services.shared.loadbalancer.passhostheader': 'false' } });
    const other = container({ name: 'other' });
    const { config, diagnostics } = buildConfig([a, b, c, other], defaults);
    expect(config.http.services.shared).toBeUndefined();
    expect(config.http.routers.r).toEqual({ rule: 'Host(`a`)', service: 'shared' });
    expect(Object.keys(config.http.services)).toEqual(['other']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'DOCKER_CONFLICT', element: { kind: 'service', name: 'shared' } });
    expect(diagnostics[0]?.message).toMatch(/\[alpha, gamma\] vs \[beta\]|\[beta\] vs \[alpha, gamma\]/);
  });

  it('conflicting routers are removed too', () => {
    const a = container({ name: 'a', labels: { 'traefik.http.routers.r.rule': 'Host(`a`)' } });
    const b = container({ name: 'b', labels: { 'traefik.http.routers.r.rule': 'Host(`b`)' } });
    const { config, diagnostics } = buildConfig([a, b], defaults);
    expect(config.http.routers).toEqual({});
    expect(diagnostics.map((d) => d.element)).toEqual([{ kind: 'router', name: 'r' }]);
  });
});

describe('buildConfig: label diagnostics', () => {
  it('a typo rejects only its element and suggests the right key', () => {
    const c = container({ name: 'typo', labels: {
      'traefik.http.routers.r.rule': 'Host(`t`)', 'traefik.http.routers.r.service': 's',
      'traefik.http.services.s.loadbalancer.server.prot': '8080',
    } });
    const ok = container({ name: 'fine' });
    const { config, diagnostics } = buildConfig([c, ok], defaults);
    expect(config.http.services.s).toBeUndefined();
    expect(config.http.routers.r).toEqual({ rule: 'Host(`t`)', service: 's' });
    expect(config.http.services.fine).toBeDefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'WHARF_CONFIG_UNKNOWN_KEY', source: 'typo', key: 'traefik.http.services.s.loadbalancer.server.prot',
      suggestion: 'loadbalancer.server.port', element: { kind: 'service', name: 's' },
    });
    expect(diagnostics[0]?.message).toMatch(/did you mean .*port/);
    expect(diagnostics[0]?.message).toContain('service "s" is rejected');
  });

  it.each([
    ['traefik.http.services.s.loadbalancer.port', '80', 'loadbalancer.server.port'],
    ['traefik.http.routers.r.entrypoint', 'web', 'entrypoints'],
    ['traefik.http.routers.r.priority', 'high', undefined],
  ])('%s=%s → suggestion %s', (key, value, suggestion) => {
    const { diagnostics } = buildConfig([container({ labels: { [key]: value } })], defaults);
    expect(diagnostics[0]?.key).toBe(key);
    expect(diagnostics[0]?.suggestion).toBe(suggestion);
  });

  it('unknown roots are warnings with a suggestion; http kinds are errors', () => {
    const { diagnostics } = buildConfig([container({ labels: { 'traefik.htp.routers.r.rule': 'x', 'traefik.http.router.r.rule': 'x' } })], defaults);
    expect(diagnostics.map((d) => [d.severity, d.suggestion])).toEqual([['warning', 'traefik.http'], ['error', 'traefik.http.routers']]);
  });

  it('TCP/UDP labels build TCP/UDP elements with the container address and suppress the automatic HTTP service', () => {
    const c = container({ name: 'db', labels: {
      'traefik.tcp.routers.pg.rule': 'HostSNI(`*`)', 'traefik.tcp.routers.pg.entrypoints': 'pg, other',
      'traefik.tcp.routers.pg.tls.passthrough': 'true', 'traefik.tcp.routers.pg.tls.domains[0].sans': 'a.example,b.example',
      'traefik.tcp.services.pg.loadbalancer.server.port': '5432', 'traefik.tcp.services.pg.loadbalancer.proxyprotocol.version': '1',
      'traefik.tcp.middlewares.few.inflightconn.amount': '3',
      'traefik.udp.routers.dns.entrypoints': 'dns',
      'traefik.tcp.routers.pg.nonsense': 'x',
    } });
    const { config, diagnostics } = buildConfig([c], defaults);
    expect(config.http.services).toEqual({});
    expect(config.tcp!.routers!['pg']).toEqual({ rule: 'HostSNI(`*`)', entryPoints: ['pg', 'other'], service: 'pg', tls: { passthrough: true, domains: [{ sans: ['a.example', 'b.example'] }] } });
    expect(config.tcp!.services!['pg']!.loadBalancer).toMatchObject({ proxyProtocol: { version: 1 } });
    expect(config.tcp!.services!['pg']!.loadBalancer!.servers![0]!.address).toMatch(/:5432$/);
    expect(config.tcp!.middlewares!['few']).toEqual({ inFlightConn: { amount: 3 } });
    // a UDP router without a service label gets the service named after the container (its first port)
    expect(config.udp!.routers!['dns']).toEqual({ entryPoints: ['dns'], service: 'db' });
    expect(Object.keys(config.udp!.services!)).toEqual(['db']);
    expect(diagnostics).toMatchObject([{ code: 'DOCKER_L4_LABEL', severity: 'error', key: 'traefik.tcp.routers.pg.nonsense' }]);
  });

  it('TCP health check labels (Traefik names, any case) become loadBalancer.healthCheck; bad values are reported', () => {
    const c = container({ name: 'cache', labels: {
      'traefik.tcp.routers.r.rule': 'HostSNI(`*`)',
      'traefik.tcp.services.redis.loadbalancer.server.port': '6379',
      'traefik.tcp.services.redis.loadbalancer.healthcheck.port': '6380',
      'traefik.tcp.services.redis.loadbalancer.healthcheck.send': 'PING',
      'traefik.tcp.services.redis.loadbalancer.healthcheck.expect': '+PONG',
      'traefik.tcp.services.redis.loadbalancer.healthcheck.interval': '10s',
      'traefik.tcp.services.redis.loadbalancer.healthCheck.unhealthyInterval': '2s',
      'traefik.tcp.services.redis.loadbalancer.healthcheck.timeout': '3s',
      'traefik.tcp.services.other.loadbalancer.healthcheck': 'true',
      'traefik.tcp.services.bad.loadbalancer.healthcheck.port': 'ninety',
      'traefik.udp.services.dns.loadbalancer.healthcheck.interval': '1s',
    } });
    const { config, diagnostics } = buildConfig([c], defaults);
    expect(config.tcp!.services!['redis']!.loadBalancer!.healthCheck).toEqual({ port: 6380, send: 'PING', expect: '+PONG', interval: '10s', unhealthyInterval: '2s', timeout: '3s' });
    expect(config.tcp!.services!['other']!.loadBalancer!.healthCheck).toEqual({});
    expect(config.tcp!.services!['bad']!.loadBalancer!.healthCheck).toBeUndefined();
    expect(diagnostics.map((d) => d.key)).toEqual(expect.arrayContaining([
      'traefik.tcp.services.bad.loadbalancer.healthcheck.port', 'traefik.udp.services.dns.loadbalancer.healthcheck.interval',
    ]));
  });

  it('TLS labels are reported as ignored', () => {
    const { diagnostics } = buildConfig([container({ name: 'x', labels: { 'traefik.tls.stores.default.defaultgeneratedcert.resolver': 'le' } })], defaults);
    expect(diagnostics).toMatchObject([{ code: 'DOCKER_TCP_UDP_UNSUPPORTED', severity: 'warning' }]);
  });

  it('an invalid enable value skips the container visibly', () => {
    const { config, diagnostics } = buildConfig([container({ labels: { 'traefik.enable': 'yes' } })], defaults);
    expect(config.http.services).toEqual({});
    expect(diagnostics[0]?.code).toBe('DOCKER_PROVIDER_LABEL_INVALID');
  });
});
