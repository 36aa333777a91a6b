// A measuring device for the edge-tls bench, not a proxy: node:tls terminating the same
// certificate, then, for the one request of each connection, a fixed `GET /bench` written to a
// kept-alive raw TCP socket of a backend and the backend's answer (one small chunk) written back
// before closing. No HTTP parsing, no routing, no headers: what Node itself costs to terminate a
// fresh TLS connection and relay one request, so the gap between this row and a real proxy is
// that proxy's own per-request work. `--port P --cert FILE --key FILE --backends url,url [--ciphersuites A:B]`
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createServer } from 'node:tls';
import { exitOnSignal, tlsServerArgs } from './args.mjs';

const { port, cert, key, backends, order } = tlsServerArgs();
const idle = backends.map(() => []);
const REQUEST = Buffer.from('GET /bench HTTP/1.1\r\nHost: bench.test\r\n\r\n');
let next = 0;

function withUpstream(use) {
  const i = next;
  next = (next + 1) % backends.length;
  const kept = idle[i].pop();
  if (kept !== undefined) return use(kept, i);
  const socket = connect(Number(backends[i].port), backends[i].hostname, () => use(socket, i));
  socket.setNoDelay(true);
  socket.on('error', () => socket.destroy());
}

const server = createServer({ cert: readFileSync(cert), key: readFileSync(key), ...order }, (client) => {
  client.on('error', () => client.destroy());
  client.once('data', () =>
    withUpstream((upstream, i) => {
      upstream.once('data', (answer) => {
        if (!upstream.destroyed) idle[i].push(upstream);
        client.end(Buffer.from(answer.toString('latin1').replace(/\r\nconnection: keep-alive/i, '\r\nconnection: close'), 'latin1'));
      });
      upstream.write(REQUEST);
    }),
  );
});
server.listen(port, '127.0.0.1');
exitOnSignal(() => new Promise((r) => server.close(r)));
