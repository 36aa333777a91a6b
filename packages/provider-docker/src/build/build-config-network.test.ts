import { describe, expect, it } from 'vitest';
import { buildConfig } from './build-config.js';
import { composeContainer, container, defaults } from './fixtures/containers.js';

const urls = (snapshot: ReturnType<typeof buildConfig>, service: string): string[] =>
  (snapshot.config.http.services[service]?.loadBalancer?.servers ?? []).map((s) => s.url);

describe('buildConfig: ports', () => {
  it('uses the lowest exposed port, tcp and udp mixed', () => {
    const c = container({ name: 'a', ports: [{ port: 8080, protocol: 'tcp' }, { port: 53, protocol: 'udp' }, { port: 443, protocol: 'tcp' }] });
    expect(urls(buildConfig([c], defaults), 'a')).toEqual([`http://${c.networks.bridge!.ipv4}:53`]);
  });

  it('skips a port-less container with a diagnostic and a suggestion', () => {
    const snapshot = buildConfig([container({ name: 'noport', ports: [] }), container({ name: 'ok' })], defaults);
    expect(Object.keys(snapshot.config.http.services)).toEqual(['ok']);
    expect(snapshot.diagnostics).toHaveLength(1);
    expect(snapshot.diagnostics[0]).toMatchObject({
      code: 'DOCKER_NO_PORT', source: 'noport', severity: 'error',
      suggestion: 'traefik.http.services.noport.loadbalancer.server.port=<port>',
    });
  });

  it('honours server.scheme and server.url, rejecting url with port', () => {
    const c = container({ name: 'a', labels: {
      'traefik.http.services.a.loadbalancer.server.scheme': 'https',
      'traefik.http.services.b.loadbalancer.server.url': 'http://elsewhere:9000',
      'traefik.http.services.c.loadbalancer.server.url': 'http://x', 'traefik.http.services.c.loadbalancer.server.port': '1',
    } });
    const snapshot = buildConfig([c], defaults);
    expect(urls(snapshot, 'a')).toEqual([`https://${c.networks.bridge!.ipv4}:80`]);
    expect(urls(snapshot, 'b')).toEqual(['http://elsewhere:9000']);
    expect(snapshot.config.http.services.c).toBeUndefined();
    expect(snapshot.diagnostics.map((d) => d.code)).toContain('WHARF_LABEL_URL_WITH_PORT');
  });

  it('useBindPortIP uses a concrete host binding, else the container address', () => {
    const c = container({ name: 'a', ports: [{ port: 80, protocol: 'tcp', hostIP: '10.0.0.5', hostPort: 8081 }] });
    const d = container({ name: 'b', ports: [{ port: 80, protocol: 'tcp', hostIP: '0.0.0.0', hostPort: 8082 }] });
    const snapshot = buildConfig([c, d], { ...defaults, useBindPortIP: true });
    expect(urls(snapshot, 'a')).toEqual(['http://10.0.0.5:8081']);
    expect(urls(snapshot, 'b')).toEqual([`http://${d.networks.bridge!.ipv4}:80`]);
  });
});

describe('buildConfig: networks', () => {
  const twoNets = { demo_front: { ipv4: '172.20.0.2' }, demo_back: { ipv4: '172.21.0.2' } };

  it.each([
    ['label network', { 'traefik.docker.network': 'demo_back' }, '', 'http://172.21.0.2:80'],
    ['provider network', {}, 'demo_back', 'http://172.21.0.2:80'],
    ['label beats provider', { 'traefik.docker.network': 'demo_front' }, 'demo_back', 'http://172.20.0.2:80'],
    ['first network otherwise', {}, '', 'http://172.20.0.2:80'],
  ])('%s', (_name, labels, network, url) => {
    const c = composeContainer('demo', 'web', 1, { networks: twoNets, labels });
    expect(urls(buildConfig([c], { ...defaults, network }), 'web-demo')).toEqual([url]);
  });

  it('a network name without the compose prefix: diagnostic, and the prefixed network is used', () => {
    const c = composeContainer('demo', 'web', 1, { networks: { bridge: { ipv4: '172.17.0.9' }, ...twoNets }, labels: { 'traefik.docker.network': 'back' } });
    const snapshot = buildConfig([c], defaults);
    expect(urls(snapshot, 'web-demo')).toEqual(['http://172.21.0.2:80']);
    expect(snapshot.diagnostics[0]).toMatchObject({ code: 'DOCKER_NETWORK_NOT_FOUND', severity: 'warning', suggestion: 'demo_back' });
    expect(snapshot.diagnostics[0]?.message).toContain('did you forget the compose project prefix?');
    expect(snapshot.diagnostics[0]?.message).toContain('`bridge`');
  });

  it('an unknown network falls back to the first one with a warning', () => {
    const c = composeContainer('demo', 'web', 1, { networks: twoNets, labels: { 'traefik.docker.network': 'nope' } });
    const snapshot = buildConfig([c], defaults);
    expect(urls(snapshot, 'web-demo')).toEqual(['http://172.20.0.2:80']);
    expect(snapshot.diagnostics.map((d) => d.code)).toEqual(['DOCKER_NETWORK_NOT_FOUND']);
  });

  it('IPv6 only: bracketed', () => {
    const c = container({ name: 'a', networks: { v6: { ipv6: 'fd00::5' } } });
    expect(urls(buildConfig([c], defaults), 'a')).toEqual(['http://[fd00::5]:80']);
  });

  it('host network mode uses the host address', () => {
    const c = container({ name: 'a', networkMode: 'host', networks: { host: {} } });
    expect(urls(buildConfig([c], defaults, { hostAddress: '10.9.9.9' }), 'a')).toEqual(['http://10.9.9.9:80']);
  });

  it('container:<id> mode resolves through the other container and its network label', () => {
    const vpn = container({ id: 'abcdef123456', name: 'vpn', networks: twoNets, labels: { 'traefik.enable': 'false', 'traefik.docker.network': 'demo_back' } });
    const app = container({ name: 'app', networkMode: 'container:abcdef123456', networks: {} });
    const missing = container({ name: 'lost', networkMode: 'container:ffff', networks: {} });
    const snapshot = buildConfig([vpn, app, missing], defaults);
    expect(urls(snapshot, 'app')).toEqual(['http://172.21.0.2:80']);
    expect(snapshot.diagnostics).toMatchObject([{ code: 'DOCKER_LINKED_CONTAINER_NOT_FOUND', source: 'lost' }]);
  });
});

describe('buildConfig: another label-driven provider (the Swarm seam)', () => {
  it('names its own diagnostics and reads its own `<prefix>.<provider>.network` label', () => {
    const twoNets = { front: { ipv4: '10.0.1.2' }, back: { ipv4: '10.0.2.2' } };
    const task = container({ name: 'web.1.abc', networks: twoNets, labels: { 'traefik.swarm.network': 'back', 'traefik.docker.network': 'front' } });
    const typo = container({ name: 'web.2.def', labels: { 'traefik.http.routers.r.rul': 'x' } });
    const snapshot = buildConfig([task, typo], defaults, { provider: 'swarm' });
    expect(urls(snapshot, 'web-1-abc')).toEqual(['http://10.0.2.2:80']);
    expect(snapshot.diagnostics.map((d) => [d.provider, d.source])).toEqual([['swarm', 'web.2.def']]);
    expect(urls(buildConfig([task], defaults), 'web-1-abc')).toEqual(['http://10.0.1.2:80']);
  });
});
