import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
/** Quoted names that look like codes but are not (environment variables, doc examples). */
const NOT_CODES = new Set(['WHARF_SKIP_BUILD', 'WHARF_DASHBOARD_DIR', 'WHARF_X']);
const CODE = /'((?:WHARF|DOCKER)_[A-Z0-9_]+)'/g;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'fixtures' || name === 'testing') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe('error catalogue', () => {
  it('documents every error and diagnostic code in docs/errors.md', () => {
    const codes = new Set<string>();
    for (const base of ['packages', 'apps']) {
      for (const pkg of readdirSync(join(root, base))) {
        const src = join(root, base, pkg, 'src');
        try {
          statSync(src);
        } catch {
          continue;
        }
        for (const file of sources(src)) for (const m of readFileSync(file, 'utf8').matchAll(CODE)) codes.add(m[1]!);
      }
    }
    for (const name of NOT_CODES) codes.delete(name);
    expect(codes.size).toBeGreaterThan(20);
    const doc = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');
    const missing = [...codes].filter((code) => !doc.includes(`\`${code}\``)).sort();
    expect(missing).toEqual([]);
  });
});
