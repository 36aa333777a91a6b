// Load generators of the edge-l4 bench (Node clients in the bench process): bulk TCP download
// and UDP round trips. Each warms up, then counts for `durationS`.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `connections` sockets read what the server sends; `{ mbPerS, requests: MB }` over durationS. */
export async function bulkDownload({ port, connections, durationS, warmupS = 1 }) {
  let bytes = 0;
  let errors = 0;
  const sockets = await Promise.all(Array.from({ length: connections }, () => new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1' }, () => resolve(s));
    s.on('data', (d) => (bytes += d.length));
    s.on('error', (err) => (s.connecting ? reject(err) : (errors += 1)));
  })));
  await sleep(warmupS * 1000);
  const b0 = bytes;
  const t0 = performance.now();
  await sleep(durationS * 1000);
  const mb = (bytes - b0) / 1e6;
  const seconds = (performance.now() - t0) / 1000;
  for (const s of sockets) s.destroy();
  return { rate: mb / seconds, requests: mb, errors };
}

/**
 * `sockets` UDP clients (one proxy session each), `window` datagrams of `size` bytes in flight per
 * socket; every echoed datagram is answered with the next one. A socket silent for 50 ms refills
 * its window (lost datagrams are counted, not retried). `{ rate: round trips/s, requests }`.
 */
export async function udpRoundTrips({ port, sockets = 4, window = 16, size = 64, durationS, warmupS = 1 }) {
  const payload = Buffer.alloc(size, 'u');
  let replies = 0;
  let refills = 0;
  const clients = await Promise.all(Array.from({ length: sockets }, () => new Promise((resolve) => {
    const c = createSocket('udp4');
    c.lastReply = performance.now();
    c.on('message', () => {
      replies += 1;
      c.lastReply = performance.now();
      c.send(payload);
    });
    c.connect(port, '127.0.0.1', () => resolve(c));
  })));
  const fill = (c) => {
    for (let i = 0; i < window; i++) c.send(payload);
  };
  clients.forEach(fill);
  const watchdog = setInterval(() => {
    for (const c of clients) {
      if (performance.now() - c.lastReply > 50) {
        refills += 1;
        c.lastReply = performance.now();
        fill(c);
      }
    }
  }, 25);
  await sleep(warmupS * 1000);
  const r0 = replies;
  const f0 = refills;
  const t0 = performance.now();
  await sleep(durationS * 1000);
  const n = replies - r0;
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(watchdog);
  for (const c of clients) c.close();
  return { rate: n / seconds, requests: n, refills: refills - f0 };
}
