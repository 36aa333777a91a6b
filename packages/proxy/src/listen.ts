import type { Server } from 'node:http';
import { ProxyErrors } from './errors.js';

const REASONS: Record<string, string> = {
  EADDRINUSE: 'is already in use',
  EACCES: 'needs privileges (permission denied)',
  EADDRNOTAVAIL: 'is not available on this machine',
};

/** Traefik-style address text: `:8000` or `127.0.0.1:8000`. */
export function addressText(host: string | undefined, port: number): string {
  if (host === undefined || host === '' || host === '0.0.0.0' || host === '::') return `:${port}`;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Binds the server; a bind failure becomes WHARF_ENTRYPOINT_LISTEN naming the entrypoint and address. */
export function listenServer(server: Server, entryPoint: string, host: string | undefined, port: number): Promise<{ host: string; port: number }> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const reason = REASONS[err.code ?? ''] ?? `cannot be bound (${err.code ?? err.message})`;
      const error = ProxyErrors.listen(entryPoint, addressText(host, port), reason);
      Object.defineProperty(error, 'cause', { value: err, enumerable: false });
      reject(error);
    };
    server.once('error', onError);
    server.listen({ port, host }, () => {
      server.off('error', onError);
      const a = server.address();
      resolve(typeof a === 'object' && a !== null ? { host: a.address, port: a.port } : { host: host ?? '', port });
    });
  });
}
