// The floor for a Node HTTPS proxy in the edge-tls bench: node:https terminating TLS (the same
// certificate and TLS 1.3 suite order as the other rows) and node:http with a keep-alive Agent to
// the backends, round robin. No routing, no header rules, no limits: a reference row, not a usable
// proxy. `--port P --cert FILE --key FILE --backends url,url [--ciphersuites A:B]`
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:https';
import { exitOnSignal, tlsServerArgs } from './args.mjs';

const { port, cert, key, backends, order } = tlsServerArgs();
const agent = new Agent({ keepAlive: true, maxSockets: 128 });
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);
const withoutHop = (headers) => Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP.has(k)));
let next = 0;
const server = createServer({ cert: readFileSync(cert), key: readFileSync(key), ...order }, (req, res) => {
  const target = backends[next];
  next = (next + 1) % backends.length;
  const upstream = request({ host: target.hostname, port: Number(target.port), path: req.url, method: req.method, headers: withoutHop(req.headers), agent }, (answer) => {
    res.writeHead(answer.statusCode, withoutHop(answer.headers));
    answer.pipe(res);
  });
  upstream.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
});
server.listen(port, '127.0.0.1');
exitOnSignal(() => new Promise((r) => server.close(r)));
