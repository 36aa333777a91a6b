import type { OutgoingHttpHeaders } from 'node:http';
import { connectionListed, isHopByHop } from './hop-by-hop.js';

/**
 * undici raw response headers (`[name, value, …]` Buffers) → Node outgoing headers with
 * lower-case keys, hop-by-hop headers dropped, repeated headers kept as arrays.
 */
export function responseHeaders(raw: Buffer[]): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  let connection: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as Buffer).toString('latin1').toLowerCase();
    const value = (raw[i + 1] as Buffer).toString('latin1');
    if (name === 'connection') connection = value;
    if (isHopByHop(name)) continue;
    const prev = out[name];
    if (prev === undefined) out[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[name] = [String(prev), value];
  }
  if (connection !== undefined) {
    const listed = connectionListed(connection);
    if (listed !== undefined) for (const name of listed) delete out[name];
  }
  return out;
}
