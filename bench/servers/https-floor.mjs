// The ceiling of Node's TLS for the edge-tls bench: node:http2's secure server (HTTP/1.1 allowed)
// answering `1` itself, no proxying. `--port P --cert FILE --key FILE [--ciphersuites A:B]`.
import { readFileSync } from 'node:fs';
import { createSecureServer } from 'node:http2';
import { exitOnSignal, tlsServerArgs } from './args.mjs';

const { port, cert, key, order } = tlsServerArgs();
const server = createSecureServer({ cert: readFileSync(cert), key: readFileSync(key), allowHTTP1: true, ...order }, (_req, res) => {
  res.setHeader('content-type', 'text/plain');
  res.end('1');
});
server.listen(port, '127.0.0.1');
exitOnSignal(() => new Promise((r) => server.close(r)));
