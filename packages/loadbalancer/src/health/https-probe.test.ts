import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveActiveHealth } from './health-options.js';
import { createHttpProber, httpProbe } from './http-probe.js';
import { buildProbeTarget } from './probe-target.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

describe('probing an HTTPS server with a self-signed certificate', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer({ key: fixture('selfsigned-key.pem'), cert: fixture('selfsigned-cert.pem') }, (_req, res) =>
      res.writeHead(200).end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const signal = new AbortController().signal;

  it('fails verification with the default prober', async () => {
    const res = await httpProbe(buildProbeTarget(url, resolveActiveHealth({})), signal);
    expect(res.ok).toBe(false);
    expect(res.result).toMatch(/SELF_SIGNED|CERT|UNABLE/);
  });

  it('succeeds with insecureSkipVerify (serversTransport)', async () => {
    const prober = createHttpProber({ insecureSkipVerify: true });
    expect(await prober(buildProbeTarget(url, resolveActiveHealth({})), signal)).toEqual({ ok: true, result: '200' });
  });
});
