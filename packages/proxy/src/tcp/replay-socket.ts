import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

/**
 * A JS stream over a peeked socket, so `new TLSSocket(...)` reads the replayed ClientHello bytes
 * (a TLSSocket built on a net.Socket reads its handle directly and would miss them).
 */
export function replayable(socket: Socket): Duplex {
  const stream = new Duplex({
    allowHalfOpen: true,
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, callback);
    },
    final(callback) {
      socket.end(callback);
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.once('end', () => stream.push(null));
  socket.once('error', (err) => stream.destroy(err));
  socket.once('close', () => stream.destroy());
  return stream;
}
