import { mkdtemp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderSnapshot } from '@wharf/config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileProvider } from './file-provider.js';

let dir: string;
const controllers: AbortController[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wharf-file-'));
});
afterEach(async () => {
  for (const c of controllers.splice(0)) c.abort();
  await rm(dir, { recursive: true, force: true });
});

/** Starts a provider and collects snapshots; `next(pred)` waits (bounded) for a matching one. */
function run(options: Parameters<typeof createFileProvider>[0]) {
  const snapshots: ProviderSnapshot[] = [];
  const waiters: Array<() => void> = [];
  const controller = new AbortController();
  controllers.push(controller);
  const done = createFileProvider(options, { throttleMs: 50 }).start((s) => {
    snapshots.push(s);
    waiters.splice(0).forEach((w) => w());
  }, controller.signal);
  const next = async (pred: (s: ProviderSnapshot) => boolean, timeoutMs = 10_000): Promise<ProviderSnapshot> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = snapshots.findLast(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no matching snapshot among ${snapshots.length}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  return { snapshots, next, controller, done };
}

const routerYaml = (rule: string) => `http:\n  routers:\n    r:\n      rule: ${rule}\n      service: s\n`;

describe('createFileProvider', () => {
  it('rejects ambiguous options', () => {
    expect(() => createFileProvider({ filename: 'a', directory: 'b' })).toThrow(expect.objectContaining({ code: 'WHARF_FILE_OPTIONS' }));
  });

  it('emits a YAML file and follows edits', async () => {
    const file = join(dir, 'dyn.yml');
    await writeFile(file, routerYaml('Path(`/one`)'));
    const p = run({ filename: file });
    await p.next((s) => s.config.http.routers.r?.rule === 'Path(`/one`)');
    await writeFile(file, routerYaml('Path(`/two`)'));
    await p.next((s) => s.config.http.routers.r?.rule === 'Path(`/two`)');
  });

  it('keeps the last good content of a broken file, with a positioned diagnostic', async () => {
    const file = join(dir, 'dyn.yaml');
    await writeFile(file, routerYaml('Path(`/good`)'));
    const p = run({ filename: file });
    await p.next((s) => s.config.http.routers.r !== undefined);
    await writeFile(file, 'http:\n  routers:\n    r: [\n');
    const s = await p.next((x) => x.diagnostics.some((d) => d.code === 'WHARF_FILE_PARSE'));
    expect(s.config.http.routers.r?.rule).toBe('Path(`/good`)');
    expect(s.diagnostics[0]?.source).toMatch(/dyn\.yaml:\d+:\d+$/);
  });

  it('survives an atomic rename-replace and delete/re-create', async () => {
    const file = join(dir, 'dyn.toml');
    await writeFile(file, '[http.routers.r]\nrule = "Path(`/a`)"\n');
    const p = run({ filename: file });
    await p.next((s) => s.config.http.routers.r?.rule === 'Path(`/a`)');
    await writeFile(join(dir, '.dyn.toml.tmp'), '[http.routers.r]\nrule = "Path(`/b`)"\n');
    await rename(join(dir, '.dyn.toml.tmp'), file);
    await p.next((s) => s.config.http.routers.r?.rule === 'Path(`/b`)');
    await rm(file);
    await p.next((s) => s.config.http.routers.r === undefined);
    await writeFile(file, '[http.routers.r]\nrule = "Path(`/c`)"\n');
    await p.next((s) => s.config.http.routers.r?.rule === 'Path(`/c`)');
  });

  it('merges a directory and waits for a directory that does not exist yet', async () => {
    const confDir = join(dir, 'conf.d');
    const p = run({ directory: confDir });
    await p.next((s) => s.diagnostics.some((d) => d.code === 'WHARF_FILE_MISSING'));
    await mkdir(join(confDir, 'sub'), { recursive: true });
    await writeFile(join(confDir, 'a.yml'), routerYaml('Path(`/a`)'));
    await writeFile(join(confDir, 'sub', 'b.toml'), '[http.services.s.loadBalancer]\nservers = [{ url = "http://x" }]\n');
    await writeFile(join(confDir, 'ignored.txt'), 'not config');
    const s = await p.next((x) => x.config.http.routers.r !== undefined && x.config.http.services.s !== undefined);
    expect(s.config.http.services.s).toEqual({ loadBalancer: { servers: [{ url: 'http://x' }] } });
  });

  it('stops watching on abort and resolves start()', async () => {
    const file = join(dir, 'dyn.yml');
    await writeFile(file, routerYaml('Path(`/a`)'));
    const p = run({ filename: file });
    await p.next(() => true);
    p.controller.abort();
    await p.done;
    const count = p.snapshots.length;
    await writeFile(file, routerYaml('Path(`/b`)'));
    await new Promise((r) => setTimeout(r, 400));
    expect(p.snapshots.length).toBe(count);
  });

  it('ends with WHARF_FILE_WATCH when the watched directory is removed, and resumes on restart', async () => {
    const confDir = join(dir, 'conf.d');
    await mkdir(confDir);
    await writeFile(join(confDir, 'a.yml'), routerYaml('Path(`/a`)'));
    const p = run({ directory: confDir });
    await p.next((s) => s.config.http.routers.r !== undefined);
    await rm(confDir, { recursive: true });
    await expect(p.done).rejects.toMatchObject({ code: 'WHARF_FILE_WATCH' });
    // the removal itself was a change: its files are gone from the last snapshot
    expect(p.snapshots.at(-1)?.config.http.routers).toEqual({});
    expect(p.snapshots.at(-1)?.diagnostics.map((d) => d.code)).toEqual(['WHARF_FILE_MISSING']);
    // what the provider runner does next: start again; it waits for the directory and follows it
    const again = run({ directory: confDir });
    await again.next((s) => s.diagnostics.some((d) => d.code === 'WHARF_FILE_MISSING'));
    await mkdir(confDir);
    await writeFile(join(confDir, 'b.yml'), routerYaml('Path(`/b`)'));
    await again.next((s) => s.config.http.routers.r?.rule === 'Path(`/b`)');
    await writeFile(join(confDir, 'b.yml'), routerYaml('Path(`/c`)'));
    await again.next((s) => s.config.http.routers.r?.rule === 'Path(`/c`)');
  });

  it('emits once without watching when watch is false', async () => {
    const file = join(dir, 'dyn.yml');
    await writeFile(file, routerYaml('Path(`/a`)'));
    const p = run({ filename: file, watch: false });
    await p.next(() => true);
    p.controller.abort();
    await p.done;
    expect(p.snapshots).toHaveLength(1);
  });
});
