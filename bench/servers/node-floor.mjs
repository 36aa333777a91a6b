// The floor for any Node proxy: node:http + undici Pool.dispatch, round robin, no routing, no
// header handling, small bodies only. A reference row, not a usable proxy.
import { createServer } from 'node:http';
import { Pool } from 'undici';
import { exitOnSignal, serverArgs } from './args.mjs';

const { port, backends } = serverArgs();
const pools = backends.map((b) => new Pool(b, { connections: 128 }));
let next = 0;
const server = createServer((req, res) => {
  const pool = pools[next];
  next = (next + 1) % pools.length;
  let status = 0;
  const chunks = [];
  pool.dispatch(
    { path: req.url, method: req.method, headers: ['host', req.headers.host ?? ''] },
    {
      onConnect() {},
      onHeaders(s) {
        status = s;
        return true;
      },
      onData(c) {
        chunks.push(c);
        return true;
      },
      onComplete() {
        const body = Buffer.concat(chunks);
        res.writeHead(status, { 'content-length': body.length, 'content-type': 'text/plain' });
        res.end(body);
      },
      onError() {
        res.writeHead(502);
        res.end();
      },
    },
  );
});
server.listen(port, '127.0.0.1');
exitOnSignal(() => new Promise((r) => server.close(r)));
