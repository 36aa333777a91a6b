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

  it('TCP/UDP labels are reported as not supported yet and suppress the automatic HTTP service', () => {
    const c = container({ name: 'db', labels: { 'traefik.tcp.routers.pg.rule': 'HostSNI(`*`)', 'traefik.tcp.services.pg.loadbalancer.server.port': '5432' } });
    const { config, diagnostics } = buildConfig([c], defaults);
    expect(config.http.services).toEqual({});
    expect(diagnostics).toMatchObject([{ code: 'DOCKER_TCP_UDP_UNSUPPORTED', severity: 'warning' }]);
    expect(diagnostics[0]?.message).toContain('traefik.tcp.services.pg.loadbalancer.server.port');
  });

  it('an invalid enable value skips the container visibly', () => {
    const { config, diagnostics } = buildConfig([container({ labels: { 'traefik.enable': 'yes' } })], defaults);
    expect(config.http.services).toEqual({});
    expect(diagnostics[0]?.code).toBe('DOCKER_PROVIDER_LABEL_INVALID');
  });
});
