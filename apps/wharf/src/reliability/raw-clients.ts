import { connect as netConnect, createServer as netServer, type AddressInfo, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/**
 * Raw bytes on one plain TCP connection to `port` (each part written in turn, `gapMs` apart):
 * what came back before wharf closed it (or 5 s passed), whether wharf closed it, and when.
 */
export function rawConnection(port: number, parts: Buffer[], gapMs = 0): Promise<{ data: Buffer; closedByPeer: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = netConnect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let closedByPeer = false;
    const timer = setTimeout(() => socket.destroy(), 5_000);
    socket.on('connect', async () => {
      for (const part of parts) {
        if (socket.destroyed) break;
        socket.write(part);
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => (closedByPeer = true));
    socket.on('error', () => (closedByPeer = true));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ data: Buffer.concat(chunks), closedByPeer, ms: Date.now() - started });
    });
  });
}

/** A real ClientHello for `sni`, captured from Node's TLS client by a listener that answers nothing. */
export async function captureClientHello(sni: string): Promise<Buffer> {
  const server = netServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const captured = new Promise<Buffer>((resolve) => server.once('connection', (s: Socket) => s.once('data', (d: Buffer) => (resolve(d), s.destroy()))));
  const client = tlsConnect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, servername: sni, rejectUnauthorized: false });
  client.on('error', () => undefined);
  const hello = await captured;
  client.destroy();
  server.close();
  return hello;
}
