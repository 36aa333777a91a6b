import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house's dependency rule (STYLE.md), checked on the sources: providers and the pure
 * packages depend on the contract only; only the composition root (apps/wharf) sees everything;
 * no package reaches into another by a relative path; bench/ and e2e/ import workspace packages
 * by their declared names; no source file over 400 lines.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const ALLOWED: Record<string, string[]> = {
  'packages/config': [],
  'packages/router': ['config'],
  'packages/loadbalancer': ['config'],
  'packages/middlewares': ['config'],
  'packages/observability': ['config'],
  'packages/provider-file': ['config'],
  'packages/provider-docker': ['config'],
  'packages/api': ['config'],
  'packages/runtime': ['config', 'router', 'loadbalancer', 'middlewares'],
  'packages/proxy': ['config', 'runtime', 'router'],
  'apps/whoami': [],
  'apps/dashboard': ['config', 'api'],
};

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !/\/(fixtures|testing|test)\//.test(path)) out.push(path);
  }
  return out;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm;

/** Workspace packages that only consume others (scripts and tests, every file counts). */
const CONSUMERS = ['bench', 'e2e'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'artifacts', 'results']);

function consumerFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) consumerFiles(path, out);
    else if (/\.(m?js|tsx?)$/.test(name)) out.push(path);
  }
  return out;
}

/** `import … from`, `export … from`, `import '…'` and `import('…')` (a template literal's static head). */
const SPECIFIER = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*[`'"]([^`'"$]+)/gm;

function specifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** `@wharf/api/fixtures` → `@wharf/api` */
const packageName = (spec: string): string => spec.split('/').slice(0, 2).join('/');

describe('architecture', () => {
  for (const [pkg, allowed] of Object.entries(ALLOWED)) {
    it(`${pkg} imports only ${allowed.length ? allowed.map((a) => `@wharf/${a}`).join(', ') : 'no workspace package'}`, () => {
      const problems: string[] = [];
      for (const file of sources(join(root, pkg, 'src'))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(IMPORT)) {
          const spec = m[3]!;
          const typeOnly = m[2] !== undefined;
          const where = relative(root, file);
          if (spec.startsWith('@wharf/')) {
            const target = spec.slice('@wharf/'.length).split('/')[0]!;
            // the dashboard may read types from the API package, never its server code
            const ok = allowed.includes(target) && (pkg !== 'apps/dashboard' || target === 'config' || typeOnly);
            if (!ok) problems.push(`${where}: ${spec}`);
          } else if (spec.startsWith('.') && relative(join(root, pkg), join(file, '..', spec)).startsWith('..')) {
            problems.push(`${where}: reaches outside its package: ${spec}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  for (const dir of CONSUMERS) {
    it(`${dir} imports workspace packages by their names, declared in its package.json`, () => {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }));
      const problems: string[] = [];
      for (const file of consumerFiles(join(root, dir))) {
        const where = relative(root, file);
        for (const spec of specifiers(readFileSync(file, 'utf8'))) {
          if (spec.startsWith('@wharf/') && !declared.has(packageName(spec))) problems.push(`${where}: ${spec} is not a dependency of ${dir}`);
          else if (spec.startsWith('.') && relative(join(root, dir), join(file, '..', spec)).startsWith('..')) {
            problems.push(`${where}: reaches outside ${dir}/: ${spec}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('keeps every source file under 400 lines', () => {
    const long: string[] = [];
    for (const base of ['packages', 'apps']) {
      for (const pkg of readdirSync(join(root, base))) {
        let files: string[] = [];
        try {
          files = sources(join(root, base, pkg, 'src'));
        } catch {
          continue;
        }
        for (const f of files) {
          const lines = readFileSync(f, 'utf8').split('\n').length;
          if (lines > 400) long.push(`${relative(root, f)}: ${lines}`);
        }
      }
    }
    expect(long).toEqual([]);
  });
});
