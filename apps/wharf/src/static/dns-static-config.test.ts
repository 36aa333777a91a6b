import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '@wharf/config';
import { createProviders } from '../providers/index.js';
import { StaticConfigError } from './errors.js';
import { loadStaticConfig } from './load-static-config.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'wharf-static-dns-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const load = (argv: string[]) => loadStaticConfig({ argv, env: {}, cwd, searchDirs: [] });

describe('providers.dns in the static configuration', () => {
  it("reads the issue's YAML and starts a dns provider", async () => {
    writeFileSync(join(cwd, 'wharf.yml'), [
      'providers:',
      '  dns:',
      '    resolvers: ["127.0.0.11:53"]',
      '    resolveRetries: 3',
      '    timeout: 1s',
      '    hold: {valid: 10s, obsolete: 0s, nx: 30s, refused: 30s, timeout: 30s, other: 30s}',
      '    services:',
      '      whoami:',
      '        name: whoami',
      '        port: 80',
      '        slots: 6',
      '        interval: 5s',
      '        loadBalancer: {strategy: p2c, healthCheck: {path: /health}}',
    ].join('\n'));
    const config = load(['--configFile=wharf.yml']);
    expect(config.providers.dns).toEqual({
      resolvers: ['127.0.0.11:53'], resolveRetries: 3, timeout: '1s',
      hold: { valid: '10s', obsolete: '0s', nx: '30s', refused: '30s', timeout: '30s', other: '30s' },
      services: { whoami: { name: 'whoami', port: 80, slots: 6, interval: '5s', loadBalancer: { strategy: 'p2c', healthCheck: { path: '/health' } } } },
    });
    expect((await createProviders(config, silentLogger)).map((p) => p.name)).toEqual(['dns']);
  });

  it('takes flags, with defaults for what is not given', () => {
    const config = load(['--providers.dns.services.web.name=_http._tcp.web', '--providers.dns.services.web.slots=3']);
    expect(config.providers.dns).toEqual({
      resolveRetries: 3, timeout: '1s',
      hold: { valid: '10s', obsolete: '0s', nx: '30s', refused: '30s', timeout: '30s', other: '30s' },
      services: { web: { name: '_http._tcp.web', slots: 3, interval: '5s' } },
    });
  });

  it('rejects a misspelt option at start-up with a suggestion', () => {
    let error: unknown;
    try {
      load(['--providers.dns.services.web.name=web', '--providers.dns.services.web.slot=3']);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StaticConfigError);
    expect((error as StaticConfigError).problems.map((p) => p.message)).toEqual([
      'unknown flag --providers.dns.services.web.slot: did you mean --providers.dns.services.web.slots?',
    ]);
  });
});
