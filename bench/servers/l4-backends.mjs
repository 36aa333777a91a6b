// Backends of the edge-l4 bench, in one process: `--source P` a TCP server that writes 64 KiB
// chunks to every connection as fast as it drains (bulk download); `--udp P` a UDP echo.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { exitOnSignal } from './args.mjs';

const { values } = parseArgs({ options: { source: { type: 'string' }, udp: { type: 'string' } } });
const chunk = Buffer.alloc(64 * 1024, 'x');
const source = createServer((socket) => {
  socket.on('error', () => socket.destroy());
  const pump = () => {
    while (!socket.destroyed && socket.write(chunk));
  };
  socket.on('drain', pump);
  socket.resume(); // nothing is expected from the client; read and drop
  pump();
});
source.listen(Number(values.source), '127.0.0.1');
const echo = createSocket('udp4');
echo.on('message', (msg, rinfo) => echo.send(msg, rinfo.port, rinfo.address));
echo.bind(Number(values.udp), '127.0.0.1');
exitOnSignal(() => {
  echo.close();
  source.close();
});
