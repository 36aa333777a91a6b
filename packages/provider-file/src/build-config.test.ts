import { describe, expect, it } from 'vitest';
import { buildConfig } from './build-config.js';
import { parseConfigText, type ParsedFile } from './parsed-file.js';

function parsed(path: string, text: string): ParsedFile {
  const outcome = parseConfigText(path, text);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.file;
}

const yamlConfig = `http:
  routers:
    api:
      rule: Host(\`api.local\`)
      entryPoints: [web]
      service: api
    broken:
      rule: Host(\`x\`)
      entrypoint: web
  services:
    api:
      loadBalancer:
        servers:
          - url: http://10.0.0.1:8080
          - url: http://10.0.0.2:8080
            weight: nope
    ok:
      loadBalancer:
        servers:
          - url: http://10.0.0.3
  middlewares:
    strip:
      stripPrefix:
        prefixes: ["/api"]
`;

describe('buildConfig', () => {
  it('decodes YAML elements and maps issues to file:line:col', () => {
    const { config, diagnostics } = buildConfig([parsed('/cfg/dyn.yml', yamlConfig)]);
    expect(Object.keys(config.http.routers)).toEqual(['api']);
    expect(Object.keys(config.http.services)).toEqual(['ok']);
    expect(config.http.middlewares.strip).toEqual({ stripPrefix: { prefixes: ['/api'] } });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'WHARF_CONFIG_UNKNOWN_KEY',
        source: '/cfg/dyn.yml:9:7',
        key: 'http.routers.broken.entrypoint',
        suggestion: 'entryPoints',
        element: { kind: 'router', name: 'broken' },
      }),
      expect.objectContaining({ code: 'WHARF_CONFIG_BAD_VALUE', source: '/cfg/dyn.yml:16:13', element: { kind: 'service', name: 'api' } }),
    ]);
  });

  it('decodes TOML and points at the offending line', () => {
    const toml = `[http.routers.web]\nrule = "Path(\`/\`)"\nservice = "s"\n\n[http.services.s.loadBalancer]\npassHostHeader = "maybe"\n`;
    const { config, diagnostics } = buildConfig([parsed('/cfg/dyn.toml', toml)]);
    expect(config.http.routers.web).toEqual({ rule: 'Path(`/`)', service: 's' });
    expect(config.http.services).toEqual({});
    expect(diagnostics[0]).toMatchObject({ code: 'WHARF_CONFIG_BAD_VALUE', source: '/cfg/dyn.toml:6:1' });
  });

  it('merges files, first definition wins, duplicates reported', () => {
    const a = parsed('/d/a.yml', 'http:\n  routers:\n    r:\n      rule: Path(`/a`)\n');
    const b = parsed('/d/b.yml', 'http:\n  routers:\n    r:\n      rule: Path(`/b`)\n    s:\n      rule: Path(`/s`)\n');
    const { config, diagnostics } = buildConfig([a, b]);
    expect(config.http.routers).toEqual({ r: { rule: 'Path(`/a`)' }, s: { rule: 'Path(`/s`)' } });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'WHARF_FILE_DUPLICATE', source: '/d/b.yml:3:5' })]);
  });

  it('reports unknown top-level and section keys with suggestions', () => {
    const { diagnostics } = buildConfig([parsed('/c.yml', 'htpp:\n  routers: {}\nhttp:\n  router: {}\n')]);
    expect(diagnostics.map((d) => [d.code, d.suggestion, d.source])).toEqual([
      ['WHARF_CONFIG_UNKNOWN_KEY', 'http', '/c.yml:1:1'],
      ['WHARF_CONFIG_UNKNOWN_KEY', 'routers', '/c.yml:4:3'],
    ]);
  });

  it('carries tcp, udp and tls sections', () => {
    const text = 'tcp:\n  routers:\n    db:\n      rule: HostSNI(`*`)\n  serversTransports:\n    slow:\n      dialTimeout: 5s\ntls:\n  certificates:\n    - certFile: a.crt\n      keyFile: a.key\n';
    const { config, diagnostics } = buildConfig([parsed('/t.yml', text)]);
    expect(diagnostics).toEqual([]);
    expect(config.tcp?.routers?.db).toEqual({ rule: 'HostSNI(`*`)' });
    expect(config.tcp?.serversTransports?.slow).toEqual({ dialTimeout: '5s' });
    expect(config.tls?.certificates).toEqual([{ certFile: 'a.crt', keyFile: 'a.key' }]);
  });

  it('carries a TCP service health check from YAML and TOML (Traefik field names)', () => {
    const yaml = 'tcp:\n  services:\n    redis:\n      loadBalancer:\n        servers:\n          - address: 10.0.0.1:6379\n        healthCheck:\n          port: 6380\n          send: "PING\\r\\n"\n          expect: "+PONG"\n          interval: 10s\n          unhealthyInterval: 2s\n          timeout: 3s\n';
    const toml = '[tcp.services.redis.loadBalancer]\n  [[tcp.services.redis.loadBalancer.servers]]\n    address = "10.0.0.1:6379"\n  [tcp.services.redis.loadBalancer.healthCheck]\n    send = "PING\\r\\n"\n    expect = "+PONG"\n    interval = "10s"\n';
    const fromYaml = buildConfig([parsed('/t.yml', yaml)]);
    expect(fromYaml.diagnostics).toEqual([]);
    expect(fromYaml.config.tcp?.services?.redis?.loadBalancer?.healthCheck).toEqual({ port: 6380, send: 'PING\r\n', expect: '+PONG', interval: '10s', unhealthyInterval: '2s', timeout: '3s' });
    const fromToml = buildConfig([parsed('/t.toml', toml)]);
    expect(fromToml.config.tcp?.services?.redis?.loadBalancer?.healthCheck).toEqual({ send: 'PING\r\n', expect: '+PONG', interval: '10s' });
  });

  it('drops only the bad TLS option set, keeping certificates and the others', () => {
    const text = 'tls:\n  certificates:\n    - certFile: a.crt\n      keyFile: a.key\n  options:\n    ok:\n      sniStrict: true\n    bad:\n      minVerison: VersionTLS12\n';
    const { config, diagnostics } = buildConfig([parsed('/t.yml', text)]);
    expect(config.tls?.certificates).toEqual([{ certFile: 'a.crt', keyFile: 'a.key' }]);
    expect(config.tls?.options).toEqual({ ok: { sniStrict: true } });
    expect(diagnostics.map((d) => [d.code, d.suggestion, d.source])).toEqual([['WHARF_CONFIG_UNKNOWN_KEY', 'minVersion', '/t.yml:9:7']]);
  });

  it('drops element names containing @', () => {
    const { config, diagnostics } = buildConfig([parsed('/n.yml', 'http:\n  routers:\n    a@file:\n      rule: Path(`/`)\n')]);
    expect(config.http.routers).toEqual({});
    expect(diagnostics[0]).toMatchObject({ code: 'WHARF_CONFIG_BAD_NAME', source: '/n.yml:3:5' });
  });

  it('supports YAML anchors and merge keys', () => {
    const text = 'x-lb: &lb\n  passHostHeader: false\nhttp:\n  services:\n    a:\n      loadBalancer:\n        <<: *lb\n        servers: [{ url: "http://a" }]\n';
    const { config, diagnostics } = buildConfig([parsed('/m.yml', text)]);
    expect(config.http.services.a).toEqual({ loadBalancer: { passHostHeader: false, servers: [{ url: 'http://a' }] } });
    expect(diagnostics).toEqual([]);
  });

  it('reports YAML and TOML parse errors with positions', () => {
    const y = parseConfigText('/x.yml', 'http:\n  routers:\n    a: [\n');
    const t = parseConfigText('/x.toml', '[http]\nrouters = \n');
    expect(y.ok).toBe(false);
    expect(t.ok).toBe(false);
    if (!y.ok) expect(y.position?.line).toBeGreaterThan(0);
    if (!t.ok) expect(t.position?.line).toBe(2);
  });
});
