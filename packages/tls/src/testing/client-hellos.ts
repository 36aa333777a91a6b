import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { connect, type ConnectionOptions } from 'node:tls';
import { readClientHello } from '../client-hello/read-client-hello.js';

/** Listens on loopback, lets `dial` connect, returns the first flight the client sent. */
async function capture(dial: (port: number) => () => void): Promise<Buffer> {
  let stop = (): void => {};
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const server = createServer((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => {
        chunks.push(chunk);
        const all = Buffer.concat(chunks);
        if (readClientHello(all).kind !== 'needMore') {
          socket.destroy();
          server.close();
          resolve(all);
        }
      });
      socket.on('error', () => {});
    });
    server.listen(0, '127.0.0.1', () => {
      stop = dial((server.address() as AddressInfo).port);
    });
    setTimeout(() => reject(new Error('no ClientHello captured')), 10_000).unref();
  });
  stop();
  return bytes;
}

/** A real ClientHello from `node:tls`. */
export function nodeClientHello(options: ConnectionOptions): Promise<Buffer> {
  return capture((port) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options });
    socket.on('error', () => {});
    return () => socket.destroy();
  });
}

export function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version']).status === 0;
}

/** A real ClientHello from `openssl s_client` (`-servername`, `-alpn`, any extra flags). */
export function opensslClientHello(args: string[]): Promise<Buffer> {
  return capture((port) => {
    const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, ...args], { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', () => {});
    return () => child.kill();
  });
}

/** Cuts a (single-record) hello's handshake message into records of at most `size` bytes. */
export function reframe(hello: Buffer, size: number): Buffer {
  const handshake = hello.subarray(5, 5 + hello.readUInt16BE(3));
  const records: Buffer[] = [];
  for (let i = 0; i < handshake.length; i += size) {
    const fragment = handshake.subarray(i, i + size);
    const header = Buffer.from([0x16, 0x03, 0x01, fragment.length >> 8, fragment.length & 0xff]);
    records.push(header, fragment);
  }
  return Buffer.concat(records);
}

/** Adds a padding extension (type 21) of `bytes` to a hello, fixing every length (one record). */
export function pad(hello: Buffer, bytes: number): Buffer {
  const handshake = Buffer.from(hello.subarray(5, 5 + hello.readUInt16BE(3)));
  const body = handshake.subarray(4);
  let p = 2 + 32;
  p += 1 + body[p]!;
  p += 2 + body.readUInt16BE(p);
  p += 1 + body[p]!;
  const extLength = body.readUInt16BE(p);
  const extension = Buffer.alloc(4 + bytes);
  extension.writeUInt16BE(21, 0);
  extension.writeUInt16BE(bytes, 2);
  const newBody = Buffer.concat([body.subarray(0, p), u16(extLength + extension.length), body.subarray(p + 2), extension]);
  const header = Buffer.from([1, newBody.length >> 16, (newBody.length >> 8) & 0xff, newBody.length & 0xff]);
  const message = Buffer.concat([header, newBody]);
  return reframeMessage(message, 16384);
}

function reframeMessage(message: Buffer, size: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < message.length; i += size) {
    const fragment = message.subarray(i, i + size);
    parts.push(Buffer.from([0x16, 0x03, 0x01, fragment.length >> 8, fragment.length & 0xff]), fragment);
  }
  return Buffer.concat(parts);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
