import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house's dependency rule (STYLE.md), checked on the sources: providers and the pure
 * packages depend on the contract only; only the composition root (apps/wharf) sees everything;
 * no package reaches into another by a relative path; bench/ and e2e/ import workspace packages
 * by their declared names; no two folders of one package import each other; test helpers stay
 * out of dist; every package's typecheck covers its tests; no source file over 400 lines.
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
  'packages/provider-dns': ['config'],
  'packages/provider-kv': ['config'],
  'packages/api': ['config'],
  'packages/runtime': ['config', 'router', 'loadbalancer', 'middlewares', 'tls'],
  'packages/proxy': ['config', 'runtime', 'router', 'tls'],
  'packages/tls': ['config'],
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

/**
 * Folder pairs that still import each other on this branch; house-core's branch makes their
 * arrows run one way (runtime: services/ gets what the service factories need from compile/;
 * router: matchers/ stops importing v2/). The lead deletes this list when merging both branches:
 * a listed pair that no longer exists fails the test below, so the list cannot outlive the fix.
 */
/** Every package and app with sources: `packages/config`, …, `apps/dashboard`. */
function packageDirs(): string[] {
  return ['packages', 'apps'].flatMap((base) =>
    readdirSync(join(root, base))
      .map((name) => `${base}/${name}`)
      .filter((dir) => statSync(join(root, dir, 'src'), { throwIfNoEntry: false })?.isDirectory()),
  );
}

/**
 * Arrows between sibling folders: a file under `a/…` importing a file under `b/…` (a and b
 * children of the same folder) is the arrow `a -> b`, keyed `<parent>: a -> b`. Files directly in
 * a folder are not a folder of their own (a package's `index.ts` or `types.ts` may be imported
 * from below).
 */
function folderArrows(src: string): Set<string> {
  const arrows = new Set<string>();
  for (const file of sources(src)) {
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[3]!;
      if (!spec.startsWith('.')) continue;
      const from = relative(src, dirname(file)).split(sep).filter(Boolean);
      const to = relative(src, dirname(join(file, '..', spec))).split(sep).filter(Boolean);
      let i = 0;
      while (i < from.length && i < to.length && from[i] === to[i]) i++;
      if (i < from.length && i < to.length) arrows.add(`${[relative(root, src), ...from.slice(0, i)].join('/')}: ${from[i]} -> ${to[i]}`);
    }
  }
  return arrows;
}

/** `parent: a <-> b` for every pair of folders that import each other (a before b). */
function foldersImportingEachOther(): string[] {
  const pairs: string[] = [];
  for (const dir of packageDirs()) {
    const arrows = folderArrows(join(root, dir, 'src'));
    for (const arrow of arrows) {
      const [parent, a, b] = arrow.split(/: | -> /) as [string, string, string];
      if (a < b && arrows.has(`${parent}: ${b} -> ${a}`)) pairs.push(`${parent}: ${a} <-> ${b}`);
    }
  }
  return pairs.sort();
}

/** What a package's build (tsconfig.json) leaves out of dist: tests and their helpers. */
const NOT_BUILT = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/**/fixtures/**', 'src/**/testing/**'];

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

  it('no two folders of one package import each other', () => {
    expect(foldersImportingEachOther()).toEqual([]);
  });


  it('builds no test helpers into dist (tests, fixtures/ and testing/ excluded, never imported by sources)', () => {
    const problems: string[] = [];
    for (const dir of packageDirs()) {
      const tsconfig = JSON.parse(readFileSync(join(root, dir, 'tsconfig.json'), 'utf8')) as { compilerOptions?: { outDir?: string }; exclude?: string[] };
      if (tsconfig.compilerOptions?.outDir === undefined) continue; // bundled by Vite from its entry
      for (const pattern of NOT_BUILT) if (!tsconfig.exclude?.includes(pattern)) problems.push(`${dir}/tsconfig.json does not exclude ${pattern}`);
      for (const file of sources(join(root, dir, 'src'))) {
        for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
          if (/(^|\/)(fixtures|testing)\//.test(m[3]!)) problems.push(`${relative(root, file)}: imports a test helper: ${m[3]}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("every package's typecheck script covers its test files", () => {
    const problems: string[] = [];
    for (const dir of [...packageDirs(), 'e2e']) {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
      const project = /tsc -p (\S+)/.exec(manifest.scripts?.typecheck ?? '')?.[1];
      if (project === undefined) {
        problems.push(`${dir}: no "typecheck": "tsc -p …" script`);
        continue;
      }
      const tsconfig = JSON.parse(readFileSync(join(root, dir, project), 'utf8')) as { extends?: string; exclude?: string[] };
      // an own `exclude` replaces the inherited one; without it, the extended project's applies
      const parent = tsconfig.extends?.startsWith('./') ? (JSON.parse(readFileSync(join(root, dir, tsconfig.extends), 'utf8')) as { exclude?: string[] }) : {};
      const exclude = tsconfig.exclude ?? parent.exclude ?? [];
      if (exclude.some((glob) => glob.includes('.test.'))) problems.push(`${dir}/${project} excludes the tests`);
    }
    expect(problems).toEqual([]);
  });

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
