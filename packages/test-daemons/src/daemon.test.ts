import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect } from 'node:net';
import { daemon, type Daemon } from './daemon.js';
import { freePort } from './free-port.js';
import { findBinary } from './find-binary.js';

const listener = (port: number) => `require('node:net').createServer((s) => s.end('up')).listen(${port}, '127.0.0.1')`;

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('daemon', () => {
  let running: Daemon | undefined;
  afterEach(() => running?.stop());

  it('starts, goes away on stop and comes back on the same port', async () => {
    const port = await freePort();
    running = daemon(process.execPath, ['-e', listener(port)], port);
    await running.start();
    expect(await reachable(port)).toBe(true);
    await running.stop();
    expect(await reachable(port)).toBe(false);
    await running.start();
    expect(await reachable(port)).toBe(true);
  });

  it('fails fast, naming the program, when it exits before listening', async () => {
    const port = await freePort();
    running = daemon(process.execPath, ['-e', 'process.exit(3)'], port);
    await expect(running.start()).rejects.toThrow(/exited with 3 before listening/);
  });
});

describe('findBinary', () => {
  it('finds an installed binary and, outside CI, warns and answers undefined for a missing one', () => {
    expect(findBinary('sh', 'shell')).toMatch(/\/sh$/);
    const ci = process.env.CI;
    delete process.env.CI;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(findBinary('no-such-binary-wharf', 'imaginary')).toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('SKIPPING imaginary tests'));
    } finally {
      warn.mockRestore();
      if (ci !== undefined) process.env.CI = ci;
    }
  });

  it('is an error in CI, where a skipped suite would hide a broken machine', () => {
    const ci = process.env.CI;
    process.env.CI = 'true';
    try {
      expect(() => findBinary('no-such-binary-wharf', 'imaginary')).toThrow(/required in CI for the imaginary tests/);
    } finally {
      if (ci === undefined) delete process.env.CI;
      else process.env.CI = ci;
    }
  });
});
