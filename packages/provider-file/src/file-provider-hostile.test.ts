import { getEventListeners } from 'node:events';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderSnapshot } from '@wharf/config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileProvider } from './file-provider.js';
import { walkConfigDirectory } from './walk-directory.js';

// issue 11, hole 8: loops, a missing folder polled, one bad file among good ones, a size cap

let dir: string;
const controllers: AbortController[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wharf-file-hostile-'));
});
afterEach(async () => {
  for (const c of controllers.splice(0)) c.abort();
  await rm(dir, { recursive: true, force: true });
});

function run(options: Parameters<typeof createFileProvider>[0]) {
  const snapshots: ProviderSnapshot[] = [];
  const controller = new AbortController();
  controllers.push(controller);
  const done = createFileProvider(options, { throttleMs: 50 }).start((s) => void snapshots.push(s), controller.signal);
  const next = async (pred: (s: ProviderSnapshot) => boolean, timeoutMs = 10_000): Promise<ProviderSnapshot> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = snapshots.findLast(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no matching snapshot among ${snapshots.length}: ${JSON.stringify(snapshots.at(-1)?.diagnostics)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { snapshots, next, controller, done };
}

const routerYaml = (name: string, rule: string) => `http:\n  routers:\n    ${name}:\n      rule: ${rule}\n      service: s\n`;
const aliasBomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
const codes = (s: ProviderSnapshot) => s.diagnostics.map((d) => d.code);

describe('file provider against hostile directories', () => {
  it('reports a symlink loop (ELOOP) and a directory loop (self -> .) and serves the rest', async () => {
    await writeFile(join(dir, 'good.yml'), routerYaml('good', 'Path(`/good`)'));
    await symlink(join(dir, 'b.yml'), join(dir, 'a.yml'));
    await symlink(join(dir, 'a.yml'), join(dir, 'b.yml'));
    await symlink('.', join(dir, 'self'));
    await mkdir(join(dir, 'sub'));
    await symlink('..', join(dir, 'sub', 'up'));
    const p = run({ directory: dir });
    const s = await p.next((x) => x.config.http.routers.good !== undefined);
    expect(codes(s).filter((c) => c === 'WHARF_FILE_LOOP')).toHaveLength(4);
    expect(s.diagnostics.map((d) => d.message).join('\n')).toMatch(/self: directory loop/);
    // still watching: a new file is picked up
    await writeFile(join(dir, 'later.yml'), routerYaml('later', 'Path(`/later`)'));
    await p.next((x) => x.config.http.routers.later !== undefined && x.config.http.routers.good !== undefined);
  });

  it('follows a symlinked directory that is not a loop (ConfigMap layout), bounded in depth', async () => {
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'real', 'x.yml'), routerYaml('x', 'Path(`/x`)'));
    await mkdir(join(dir, 'conf'));
    await symlink(join(dir, 'real'), join(dir, 'conf', 'linked'));
    const listing = await walkConfigDirectory(join(dir, 'conf'));
    expect(listing).toEqual({ paths: [join(dir, 'conf', 'linked', 'x.yml')], diagnostics: [] });
    let deep = join(dir, 'deep');
    for (let i = 0; i < 20; i++) deep = join(deep, 'd');
    await mkdir(deep, { recursive: true });
    const bounded = await walkConfigDirectory(join(dir, 'deep'));
    expect(bounded.diagnostics.map((d) => d.message).join()).toMatch(/deeper than 16 directory levels/);
  });

  it('polls a missing folder without piling abort listeners', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const p = run({ directory: join(dir, 'not-yet') });
    await p.next((s) => codes(s).includes('WHARF_FILE_MISSING'));
    await new Promise((r) => setTimeout(r, 1700)); // three polls
    process.off('warning', onWarning);
    expect(getEventListeners(p.controller.signal, 'abort').length).toBeLessThanOrEqual(1);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('keeps each file’s own last good content when it turns bad; the other files keep serving', async () => {
    await writeFile(join(dir, 'a.yml'), routerYaml('a', 'Path(`/a`)'));
    await writeFile(join(dir, 'b.yml'), routerYaml('b', 'Path(`/b`)'));
    const p = run({ directory: dir, maxFileSize: 4096 });
    await p.next((s) => s.config.http.routers.a !== undefined && s.config.http.routers.b !== undefined);
    await writeFile(join(dir, 'a.yml'), aliasBomb);
    await writeFile(join(dir, 'b.yml'), 'http: [\n');
    await writeFile(join(dir, 'c.yml'), routerYaml('c', 'Path(`/c`)'));
    const s = await p.next((x) => x.config.http.routers.c !== undefined && codes(x).filter((c) => c === 'WHARF_FILE_PARSE').length === 2);
    expect(s.config.http.routers.a?.rule).toBe('Path(`/a`)');
    expect(s.config.http.routers.b?.rule).toBe('Path(`/b`)');
    expect(s.diagnostics.find((d) => d.source.includes('a.yml'))?.message).toMatch(/alias/i);
    expect(s.diagnostics.find((d) => d.source.includes('a.yml'))?.element).toEqual({ kind: 'file', name: join(dir, 'a.yml') });
    await writeFile(join(dir, 'c.yml'), `${routerYaml('c', 'Path(`/c2`)')}#${'x'.repeat(5000)}\n`);
    const big = await p.next((x) => codes(x).includes('WHARF_FILE_TOO_LARGE'));
    expect(big.config.http.routers.c?.rule).toBe('Path(`/c`)');
    expect(big.diagnostics.find((d) => d.code === 'WHARF_FILE_TOO_LARGE')?.message).toMatch(/over providers\.file\.maxFileSize \(4096 bytes\); the last good content is kept/);
  });
});
