import { describe, expect, it } from 'vitest';
import { redirectionsConfig } from '../internal-redirections.js';
import { loadStaticConfig } from '../static/index.js';

const load = (argv: string[]) => loadStaticConfig({ argv, env: {}, cwd: '/' });

describe('entrypoint redirections (internal provider)', () => {
  it('builds Traefik’s router, redirectScheme middleware and noop service, port from the `to` entrypoint', () => {
    const { config, problems } = redirectionsConfig(load([
      '--entrypoints.web.address=:80',
      '--entrypoints.websecure.address=:443',
      '--entrypoints.web.http.redirections.entrypoint.to=websecure',
      '--entrypoints.web.http.redirections.entrypoint.permanent=false',
    ]));
    expect(problems).toEqual([]);
    expect(config.http.routers['web-to-websecure']).toMatchObject({ rule: 'HostRegexp(`^.+$`)', entryPoints: ['web'], middlewares: ['redirect-web-to-websecure'], service: 'noop@internal' });
    expect(config.http.middlewares['redirect-web-to-websecure']).toEqual({ redirectScheme: { scheme: 'https', port: '443', permanent: false } });
  });

  it('names an unknown `to` entrypoint and builds nothing for it', () => {
    const { config, problems } = redirectionsConfig(load(['--entrypoints.web.address=:80', '--entrypoints.web.http.redirections.entrypoint.to=nowhere']));
    expect(problems[0]).toMatch(/non-existing entry point: nowhere/);
    expect(config.http.routers).toEqual({});
  });
});
