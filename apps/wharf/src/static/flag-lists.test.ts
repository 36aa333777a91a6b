import { describe, expect, it } from 'vitest';
import { StaticConfigError } from './errors.js';
import { loadStaticConfig } from './load-static-config.js';

const load = (argv: string[]) => loadStaticConfig({ argv: ['--entrypoints.websecure.address=:443', ...argv], env: {}, cwd: '/', searchDirs: [] });
const problems = (argv: string[]): string[] => {
  try {
    load(argv);
  } catch (err) {
    if (err instanceof StaticConfigError) return err.problems.map((p) => p.message);
    throw err;
  }
  return [];
};

/** Traefik's list syntax on the command line: `--entrypoints.websecure.http.tls.domains[0].main=…`. */
describe('indexed flags', () => {
  it('build lists of objects (the README documents them; they used to be "unknown flag")', () => {
    const c = load([
      '--entrypoints.websecure.http.tls.certresolver=le',
      '--entrypoints.websecure.http.tls.domains[0].main=example.com',
      '--entrypoints.websecure.http.tls.domains[0].sans=*.example.com,www.example.org',
      '--entrypoints.websecure.http.tls.domains[1].main=example.net',
      '--certificatesresolvers.le.acme.storage=/tmp/acme.json',
      '--certificatesresolvers.le.acme.tlschallenge=true',
    ]);
    expect(c.entryPoints.websecure?.http.tls?.domains).toEqual([
      { main: 'example.com', sans: ['*.example.com', 'www.example.org'] },
      { main: 'example.net' },
    ]);
  });

  it('a misspelt key around an index gets "did you mean" in the same syntax; a huge index is not a list index', () => {
    expect(problems(['--entrypoints.websecure.http.tls.domain[0].main=x.com'])).toEqual(['unknown flag --entrypoints.websecure.http.tls.domain[0].main: did you mean --entrypoints.websecure.http.tls.domains[0].main?']);
    expect(problems(['--entrypoints.websecure.http.tls.domains[0].man=x.com'])).toEqual(['unknown flag --entrypoints.websecure.http.tls.domains[0].man: did you mean --entrypoints.websecure.http.tls.domains[0].main?']);
    expect(problems(['--entrypoints.websecure.http.tls.domains[99999].main=x.com'])[0]).toMatch(/^unknown flag --entrypoints\.websecure\.http\.tls\.domains\[99999\]\.main/);
  });
});
