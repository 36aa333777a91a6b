import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTcpEcho, startUdpEcho, type EchoServer } from './echo-servers.js';

const open: EchoServer[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

describe('echo modes (real sockets on loopback)', () => {
  it('tcp-echo: each chunk comes back named; the FIN is answered', async () => {
    const server = await startTcpEcho({ name: 'replica-1' });
    open.push(server);
    const reply = await new Promise<string>((resolve, reject) => {
      const s = connect({ port: server.port, host: '127.0.0.1', allowHalfOpen: true }, () => s.end('hello'));
      let got = '';
      s.on('data', (d) => (got += d.toString()));
      s.on('end', () => resolve(got));
      s.on('error', reject);
    });
    expect(reply).toBe('[replica-1] hello');
  });

  it('udp-echo: a datagram comes back to its sender, named', async () => {
    const server = await startUdpEcho({ name: 'replica-2' });
    open.push(server);
    const client = createSocket('udp4');
    await new Promise<void>((r) => client.bind(0, '127.0.0.1', r));
    const reply = await new Promise<string>((resolve) => {
      client.once('message', (m) => resolve(m.toString()));
      client.send('ping', server.port, '127.0.0.1');
    });
    client.close();
    expect(reply).toBe('[replica-2] ping');
  });
});
