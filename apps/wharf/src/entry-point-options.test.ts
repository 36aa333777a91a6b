import { describe, expect, it } from 'vitest';
import { entryPointOptions } from './entry-point-options.js';
import { loadStaticConfig } from './static/index.js';

const web = (argv: string[]) => {
  const config = loadStaticConfig({ argv: ['--entrypoints.web.address=:80', ...argv], env: {}, cwd: '/', searchDirs: [] });
  return entryPointOptions(config.entryPoints.web!);
};

describe('entrypoint static options → proxy options', () => {
  it("applies Traefik's defaults", () => {
    expect(web([])).toEqual({
      http: {
        sanitizePath: true,
        encodedCharacters: {
          allowEncodedSlash: true,
          allowEncodedBackSlash: true,
          allowEncodedNullCharacter: true,
          allowEncodedSemicolon: true,
          allowEncodedPercent: true,
          allowEncodedQuestionMark: true,
          allowEncodedHash: true,
        },
        underscoreHeadersStrategy: 'keep',
      },
      http2: { maxConcurrentStreams: 250 },
      transport: {
        readTimeoutMs: 60_000,
        writeTimeoutMs: 0,
        idleTimeoutMs: 180_000,
        keepAliveMaxRequests: 0,
        keepAliveMaxTimeMs: 0,
        requestAcceptGraceMs: 0,
        graceTimeoutMs: 10_000,
      },
    });
  });

  it('takes http2.maxConcurrentStreams and refuses 0', () => {
    expect(web(['--entrypoints.web.http2.maxconcurrentstreams=16']).http2).toEqual({ maxConcurrentStreams: 16 });
    expect(() => web(['--entrypoints.web.http2.maxconcurrentstreams=0'])).toThrow(/maxconcurrentstreams/i);
  });

  it("reads Traefik's flag names, case-insensitively", () => {
    const o = web([
      '--entrypoints.web.http.sanitizepath=false',
      '--entrypoints.web.http.encodedcharacters.allowencodedslash=false',
      '--entryPoints.web.http.encodedCharacters.allowEncodedHash=false',
      '--entrypoints.web.transport.respondingtimeouts.readtimeout=5s',
      '--entrypoints.web.transport.respondingtimeouts.writetimeout=2s',
      '--entrypoints.web.transport.respondingtimeouts.idletimeout=30s',
      '--entrypoints.web.transport.keepalivemaxrequests=100',
      '--entrypoints.web.transport.keepalivemaxtime=1m',
      '--entrypoints.web.transport.lifecycle.requestacceptgracetimeout=3s',
      '--entrypoints.web.transport.lifecycle.gracetimeout=20s',
    ]);
    expect(o.http.sanitizePath).toBe(false);
    expect(o.http.encodedCharacters).toMatchObject({ allowEncodedSlash: false, allowEncodedHash: false, allowEncodedPercent: true });
    expect(o.transport).toEqual({
      readTimeoutMs: 5000,
      writeTimeoutMs: 2000,
      idleTimeoutMs: 30_000,
      keepAliveMaxRequests: 100,
      keepAliveMaxTimeMs: 60_000,
      requestAcceptGraceMs: 3000,
      graceTimeoutMs: 20_000,
    });
  });
});
