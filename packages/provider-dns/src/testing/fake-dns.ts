import { createSocket, type Socket } from 'node:dgram';

/**
 * A hostile DNS server on a real UDP socket: `answer(query)` returns the bytes to send back (or
 * nothing). Helpers build the malformed and absurd answers the provider must survive.
 */
export interface FakeDns {
  readonly server: string;
  answer: (query: Buffer) => Buffer | Buffer[] | undefined;
  close(): Promise<void>;
}

export async function startFakeDns(answer: FakeDns['answer']): Promise<FakeDns> {
  const socket: Socket = createSocket('udp4');
  const fake: FakeDns = {
    server: '',
    answer,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (query, peer) => {
    const out = fake.answer(query);
    for (const packet of out === undefined ? [] : Array.isArray(out) ? out : [out]) socket.send(packet, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  Object.defineProperty(fake, 'server', { value: `127.0.0.1:${socket.address().port}` });
  return fake;
}

/** The question section of a query (QNAME, QTYPE, QCLASS). */
function questionOf(query: Buffer): Buffer {
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) offset += query[offset]! + 1;
  return query.subarray(12, offset + 5);
}

export function queryType(query: Buffer): number {
  const q = questionOf(query);
  return q.readUInt16BE(q.length - 4);
}

/** A response header: same id, `rcode`, one question, `answers` answer records announced. */
function responseHeader(query: Buffer, answers: number, rcode = 0): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(query.readUInt16BE(0), 0);
  h.writeUInt16BE(0x8180 | rcode, 2);
  h.writeUInt16BE(1, 4);
  h.writeUInt16BE(answers, 6);
  return h;
}

/** An A record for the question's name (compression pointer to offset 12). */
export function aRecord(ttl: number, rdata: number[]): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt16BE(0xc00c, 0);
  b.writeUInt16BE(1, 2);
  b.writeUInt16BE(1, 4);
  b.writeUInt32BE(ttl >>> 0, 6);
  b.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([b, Buffer.from(rdata)]);
}

export function response(query: Buffer, records: Buffer[], rcode = 0): Buffer {
  return Buffer.concat([responseHeader(query, records.length, rcode), questionOf(query), ...records]);
}
