import { createServer } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLdd } from './base-image.js';
import { uniqueName } from './compose.js';
import { ensureDocker, pingDocker } from './docker-available.js';
import { freePort } from './free-port.js';
import { hashTree } from './images.js';
import { runCommand } from './run-command.js';
import { addressFlags, startWharf } from './start-wharf.js';
import { waitFor } from './wait-for.js';

describe('e2e harness (no Docker needed)', () => {
  it('parses ldd output', () => {
    const out = '\tlinux-vdso.so.1 (0x00007ffd)\n\tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x0000)\n\t/lib64/ld-linux-x86-64.so.2 (0x0000)\n';
    expect(parseLdd(out)).toEqual(['/lib/x86_64-linux-gnu/libz.so.1', '/lib64/ld-linux-x86-64.so.2']);
  });

  it('unique names are compose-safe and differ', () => {
    const a = uniqueName('Scale 3→5'), b = uniqueName('Scale 3→5');
    expect(a).toMatch(/^wharfe2escale35[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
  });

  it('ensureDocker skips visibly off CI and fails hard in CI when the socket is missing', async () => {
    const missing = join(tmpdir(), 'no-such-docker.sock');
    expect((await pingDocker(missing)).available).toBe(false);
    expect((await ensureDocker({}, missing)).available).toBe(false);
    await expect(ensureDocker({ CI: 'true' }, missing)).rejects.toThrow(/required in CI/);
  });

  it('freePort gives a bindable port', async () => {
    const port = await freePort();
    const server = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    server.close();
    expect(port).toBeGreaterThan(0);
  });

  it('waitFor returns the value or times out with the description', async () => {
    let n = 0;
    expect(await waitFor(() => (++n >= 3 ? n : undefined), { intervalMs: 5 })).toBe(3);
    await expect(waitFor(() => false, { timeoutMs: 50, intervalMs: 5, description: 'never' })).rejects.toThrow(/never/);
  });

  it('runCommand reports failures with a code', async () => {
    await expect(runCommand('sh', ['-c', 'echo boom >&2; exit 3'])).rejects.toMatchObject({ code: 'WHARF_E2E_COMMAND_FAILED' });
    expect((await runCommand('sh', ['-c', 'exit 4'], { allowFailure: true })).code).toBe(4);
  });

  it('hashTree changes with content', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hash-'));
    await writeFile(join(dir, 'a'), '1');
    const h1 = await hashTree(dir);
    await writeFile(join(dir, 'a'), '2');
    expect(await hashTree(dir)).not.toBe(h1);
  });

  it('startWharf passes loopback entry points and waits for the API (stand-in binary)', async () => {
    expect(addressFlags({ web: 81 })).toEqual(['--entrypoints.web.address=127.0.0.1:81']);
    const dir = await mkdtemp(join(tmpdir(), 'fake-wharf-'));
    const bin = join(dir, 'fake.mjs');
    await writeFile(bin, `import http from 'node:http';
const addr = process.argv.find((a) => a.startsWith('--entrypoints.traefik.address=')).split(':').pop();
console.log('args', process.argv.slice(2).join(' '));
http.createServer((q, s) => s.end('{}')).listen(Number(addr), '127.0.0.1');`);
    const wharf = await startWharf(['--log.level=DEBUG'], {}, { bin, entryPoints: ['web', 'websecure'] });
    try {
      expect((await fetch(`${wharf.apiURL}/api/version`, { signal: AbortSignal.timeout(5000) })).status).toBe(200);
      expect(wharf.url('websecure')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await waitFor(() => wharf.logs.includes('--log.level=DEBUG'), { timeoutMs: 5000 });
    } finally {
      await wharf.stop();
    }
  });
});
