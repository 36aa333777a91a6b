// The ceiling of Node's TLS for the edge-tls bench: node:http2's secure server (HTTP/1.1 allowed)
// answering `1` itself, no proxying. `--port P --cert FILE --key FILE [--ciphersuites A:B]`.
import { readFileSync } from 'node:fs';
import { createSecureServer } from 'node:http2';
import { DEFAULT_CIPHERS } from 'node:tls';
import { parseArgs } from 'node:util';
import { exitOnSignal } from './args.mjs';

const { values } = parseArgs({ options: { port: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, ciphersuites: { type: 'string' } } });
// --ciphersuites: the server's own order (the TLS 1.3 suite the other rows negotiate)
const order = values.ciphersuites === undefined ? {} : { ciphers: `${values.ciphersuites}:${DEFAULT_CIPHERS}`, honorCipherOrder: true };
const server = createSecureServer({ cert: readFileSync(values.cert), key: readFileSync(values.key), allowHTTP1: true, ...order }, (_req, res) => {
  res.setHeader('content-type', 'text/plain');
  res.end('1');
});
server.listen(Number(values.port), '127.0.0.1');
exitOnSignal(() => new Promise((r) => server.close(r)));
