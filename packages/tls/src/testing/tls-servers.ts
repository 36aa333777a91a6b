import { createServer as createNetServer, type AddressInfo, type Server } from 'node:net';
import { connect, createServer, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { checkClientCertificate } from '../options/client-auth.js';
import type { TlsGeneration } from '../tls-generation.js';

export interface RunningServer {
  port: number;
  /** errors the TLS server reported for refused handshakes (codes) */
  refusals: string[];
  close(): Promise<void>;
}

/**
 * The wiring an entrypoint does: a TCP listener hands each socket to a non-listening
 * `tls.Server` built from `serverOptions`, which answers with what was negotiated.
 */
export async function startTlsServer(generation: TlsGeneration, optionsName: string, before?: (socket: import('node:net').Socket) => Promise<void>): Promise<RunningServer> {
  const options = generation.options.get(optionsName);
  const tlsServer = createServer(generation.serverOptions(optionsName, '127.0.0.1'));
  const refusals: string[] = [];
  tlsServer.on('tlsClientError', (err: Error & { code?: string }) => refusals.push(err.code ?? err.message));
  tlsServer.on('secureConnection', (socket: TLSSocket) => {
    const refused = options ? checkClientCertificate(socket, options.clientAuthType) : undefined;
    if (refused) {
      refusals.push(refused.code);
      socket.destroy();
      return;
    }
    const peer = socket.getPeerX509Certificate();
    socket.end(JSON.stringify({ alpn: socket.alpnProtocol, servername: socket.servername, authorized: socket.authorized, peer: peer?.subject ?? null }));
  });
  const server: Server = createNetServer(async (socket) => {
    if (before) await before(socket);
    tlsServer.emit('connection', socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    refusals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ClientResult {
  answer?: { alpn: string | false; servername: string | false; authorized: boolean; peer: string | null };
  /** the server certificate's CN */
  served?: string;
  error?: string;
}

export function tlsClient(port: number, options: ConnectionOptions = {}): Promise<ClientResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options });
    let data = '';
    let served: string | undefined;
    socket.on('secureConnect', () => (served = socket.getPeerX509Certificate()?.subject.replace(/^.*CN=/s, '')));
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message, served }));
    socket.on('close', () => resolve(data ? { answer: JSON.parse(data), served } : { error: 'closed', served }));
  });
}
