// Experimental floor: node:http server + raw keep-alive sockets (content-length responses only).
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { exitOnSignal, serverArgs } from './args.mjs';

const { port, backends } = serverArgs();
const origins = backends.map((b) => { const u = new URL(b); return { host: u.hostname, port: Number(u.port), idle: [] }; });
let next = 0;
function onData(chunk) {
  const s = this; const res = s.res;
  s.buf = s.buf === null ? chunk : Buffer.concat([s.buf, chunk]);
  const end = s.buf.indexOf('\r\n\r\n');
  if (end < 0) return;
  const head = s.buf.toString('latin1', 0, end);
  const status = Number(head.slice(9, 12));
  const m = /content-length: *(\d+)/i.exec(head);
  const len = m ? Number(m[1]) : 0;
  if (s.buf.length < end + 4 + len) return;
  const body = s.buf.subarray(end + 4, end + 4 + len);
  s.buf = null; s.res = null;
  s.origin.idle.push(s);
  res.writeHead(status, { 'content-length': len, 'content-type': 'text/plain' });
  res.end(body);
}
const server = createServer((req, res) => {
  const o = origins[next]; next = (next + 1) % origins.length;
  let s = o.idle.pop();
  if (s === undefined) { s = connect({ host: o.host, port: o.port }); s.setNoDelay(true); s.origin = o; s.buf = null; s.on('data', onData); s.on('error', () => {}); }
  s.res = res;
  s.write(`${req.method} ${req.url} HTTP/1.1\r\nhost: ${req.headers.host}\r\nx-forwarded-for: ${req.socket.remoteAddress}\r\n\r\n`, 'latin1');
});
server.listen(port, '127.0.0.1');
exitOnSignal(() => new Promise((r) => server.close(r)));
