import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDocker } from '../src/docker-available.js';
import { buildImages, type BuiltImages } from '../src/images.js';
import { runCommand } from '../src/run-command.js';
import { uniqueName } from '../src/compose.js';
import { waitFor } from '../src/wait-for.js';

const docker = await ensureDocker();

describe.skipIf(!docker.available)('locally built images', () => {
  let images: BuiltImages;
  const name = uniqueName('img');
  beforeAll(async () => { images = await buildImages(['whoami']); });
  afterAll(async () => { await runCommand('docker', ['rm', '-f', name], { allowFailure: true }); });

  it('the base image runs this machine\'s node', async () => {
    const { stdout } = await runCommand('docker', ['run', '--rm', images.base, '/usr/local/bin/node', '-p', 'process.version']);
    expect(stdout.trim()).toBe(process.version);
  });

  it('the whoami image answers on port 80', async () => {
    await runCommand('docker', ['run', '-d', '--name', name, images.whoami]);
    const ip = (await runCommand('docker', ['inspect', '-f', '{{.NetworkSettings.IPAddress}}', name])).stdout.trim();
    const body = await waitFor(async () => (await fetch(`http://${ip}/`, { signal: AbortSignal.timeout(5000) })).text(), { timeoutMs: 20_000, description: 'whoami' });
    expect(body).toContain(`IP: ${ip}`);
  });
});
