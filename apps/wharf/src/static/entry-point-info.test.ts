import { describe, expect, it } from 'vitest';
import { entryPointInfo, goDuration } from './entry-point-info.js';
import { loadStaticConfig } from './index.js';

const load = (argv: string[]) => loadStaticConfig({ argv, env: {}, cwd: '/', searchDirs: [] });

describe('goDuration (Go time.Duration.String)', () => {
  it.each([
    [0, '0s'], [5, '5ms'], [1000, '1s'], [1500, '1.5s'], [60_000, '1m0s'], [90_500, '1m30.5s'], [180_000, '3m0s'], [3_600_000, '1h0m0s'], [3_725_000, '1h2m5s'],
  ])('%d ms → %s', (ms, text) => expect(goDuration(ms)).toBe(text));
});

describe("entrypoints as Traefik's /api/entrypoints shows them", () => {
  it('a TCP entrypoint carries transport, forwardedHeaders, http and http2 with the defaults', () => {
    const config = load(['--entrypoints.web.address=:80']);
    expect(entryPointInfo(config.entryPoints.web!)).toEqual({
      name: 'web',
      address: ':80',
      transport: {
        lifeCycle: { requestAcceptGraceTimeout: '0s', graceTimeOut: '10s' },
        respondingTimeouts: { readTimeout: '1m0s', writeTimeout: '0s', idleTimeout: '3m0s' },
      },
      forwardedHeaders: {},
      http: {
        sanitizePath: true,
        encodedCharacters: {
          allowEncodedSlash: true, allowEncodedBackSlash: true, allowEncodedNullCharacter: true, allowEncodedSemicolon: true,
          allowEncodedPercent: true, allowEncodedQuestionMark: true, allowEncodedHash: true,
        },
      },
      http2: { maxConcurrentStreams: 250 },
    });
  });

  it('shows what was set: middlewares, tls, redirections, trusted IPs, keep-alive limits', () => {
    const config = load([
      '--entrypoints.web.address=:80', '--entrypoints.web.http.redirections.entrypoint.to=websecure',
      '--entrypoints.websecure.address=:443', '--entrypoints.websecure.http.tls.certresolver=le', '--entrypoints.websecure.http.middlewares=hsts@file',
      '--entrypoints.websecure.forwardedheaders.trustedips=10.0.0.0/8', '--entrypoints.websecure.transport.keepalivemaxrequests=100',
      '--entrypoints.websecure.transport.keepalivemaxtime=90s',
    ]);
    expect(entryPointInfo(config.entryPoints.web!).http?.redirections).toEqual({ entryPoint: { to: 'websecure', scheme: 'https', permanent: true } });
    const secure = entryPointInfo(config.entryPoints.websecure!);
    expect(secure.http).toMatchObject({ middlewares: ['hsts@file'], tls: { certResolver: 'le' } });
    expect(secure.forwardedHeaders).toEqual({ trustedIPs: ['10.0.0.0/8'] });
    expect(secure.transport).toMatchObject({ keepAliveMaxRequests: 100, keepAliveMaxTime: '1m30s' });
  });

  it('shows allowACMEByPass only when true, after the address (Traefik omitempty)', () => {
    const config = load(['--entrypoints.web.address=:80', '--entrypoints.web.allowacmebypass=true', '--entrypoints.other.address=:81']);
    expect(Object.keys(entryPointInfo(config.entryPoints.web!)).slice(0, 3)).toEqual(['name', 'address', 'allowACMEByPass']);
    expect(entryPointInfo(config.entryPoints.web!).allowACMEByPass).toBe(true);
    expect(entryPointInfo(config.entryPoints.other!)).not.toHaveProperty('allowACMEByPass');
  });

  it('a UDP entrypoint carries only its udp block', () => {
    const config = load(['--entrypoints.dns.address=:53/udp', '--entrypoints.dns.udp.timeout=10s']);
    expect(entryPointInfo(config.entryPoints.dns!)).toEqual({ name: 'dns', address: ':53/udp', udp: { timeout: '10s' } });
  });
});
