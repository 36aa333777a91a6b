// The UDP reference of the edge-l4 bench: a bare node:dgram relay, one upstream socket per client
// address (as a UDP proxy must keep sessions), replies sent back from the listening socket; no
// routing, no idle expiry, no limits. `--port P --target PORT` (127.0.0.1).
import { createSocket } from 'node:dgram';
import { parseArgs } from 'node:util';
import { exitOnSignal } from './args.mjs';

const { values } = parseArgs({ options: { port: { type: 'string' }, target: { type: 'string' } } });
const target = Number(values.target);
const listener = createSocket('udp4');
const sessions = new Map();
listener.on('message', (msg, rinfo) => {
  const key = `${rinfo.address}:${rinfo.port}`;
  let upstream = sessions.get(key);
  if (upstream === undefined) {
    upstream = createSocket('udp4');
    upstream.on('message', (reply) => listener.send(reply, rinfo.port, rinfo.address));
    upstream.connect(target, '127.0.0.1');
    sessions.set(key, upstream);
    const pending = [msg];
    upstream.pending = pending;
    upstream.once('connect', () => {
      for (const m of pending) upstream.send(m);
      upstream.pending = undefined;
    });
    return;
  }
  if (upstream.pending) {
    if (upstream.pending.length < 64) upstream.pending.push(msg);
  }
  else upstream.send(msg);
});
listener.bind(Number(values.port), '127.0.0.1');
exitOnSignal(() => {
  for (const s of sessions.values()) s.close();
  listener.close();
});
