import { connect } from 'node:net';

/** What one raw connection got back. */
export interface RawResult {
  /** status of each complete response, in order (interim 1xx other than 101 skipped) */
  statuses: number[];
  /** the server closed the connection */
  closed: boolean;
  /** a 101 was answered: the rest is a tunnel */
  tunnelled: boolean;
  text: string;
}

interface Parsed {
  statuses: number[];
  tunnelled: boolean;
  /** the last response's body runs until the connection closes */
  untilClose: boolean;
}

function bodyEnd(text: string, head: string, from: number): number | 'close' | undefined {
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length !== null) {
    const end = from + Number(length[1]);
    return end <= text.length ? end : undefined;
  }
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    const last = text.indexOf('\r\n0\r\n\r\n', from - 2);
    return last < 0 ? undefined : last + 7;
  }
  return 'close';
}

/** Splits the bytes received into HTTP/1.1 responses (Content-Length, chunked, or until close). */
function parseResponses(text: string): Parsed {
  const out: Parsed = { statuses: [], tunnelled: false, untilClose: false };
  let pos = 0;
  while (pos < text.length) {
    const end = text.indexOf('\r\n\r\n', pos);
    if (end < 0) break;
    const head = text.slice(pos, end);
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
    if (status === 101) {
      out.statuses.push(101);
      out.tunnelled = true;
      break;
    }
    if (status >= 100 && status < 200) {
      pos = end + 4;
      continue;
    }
    const noBody = status === 204 || status === 304;
    const next = noBody ? end + 4 : bodyEnd(text, head, end + 4);
    if (next === undefined) break;
    out.statuses.push(status);
    if (next === 'close') {
      out.untilClose = true;
      break;
    }
    pos = next;
  }
  return out;
}

/**
 * Writes `parts` on one fresh connection (a short pause between parts) and reads until the server
 * closes, or `responses` complete responses arrived and nothing more came for `quietMs`, or
 * `timeoutMs` passed.
 */
export function sendRaw(port: number, parts: Array<string | Buffer>, responses: number, opts: { quietMs?: number; timeoutMs?: number } = {}): Promise<RawResult> {
  const quietMs = opts.quietMs ?? 150;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let quiet: NodeJS.Timeout | undefined;
    const finish = (closed: boolean): void => {
      clearTimeout(quiet);
      clearTimeout(overall);
      socket.destroy();
      const p = parseResponses(text);
      resolve({ statuses: p.statuses, closed, tunnelled: p.tunnelled, text });
    };
    const overall = setTimeout(() => finish(false), opts.timeoutMs ?? 5000);
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      clearTimeout(quiet);
      const p = parseResponses(text);
      if (p.statuses.length >= responses && !p.untilClose) quiet = setTimeout(() => finish(false), quietMs);
    });
    socket.on('end', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, 20));
        if (!socket.destroyed) socket.write(part);
      }
      if (responses === 0) quiet = setTimeout(() => finish(false), quietMs);
    });
  });
}
