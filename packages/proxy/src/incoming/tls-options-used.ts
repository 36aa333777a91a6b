import type { TLSSocket } from 'node:tls';

const kOptions = Symbol('wharf.tlsOptions');

type StampedSocket = { [kOptions]?: string };

/** Records on a terminated connection the TLS option set its handshake used. */
export function stampTlsOptions(socket: TLSSocket, optionsName: string): void {
  (socket as unknown as StampedSocket)[kOptions] = optionsName;
}

/**
 * The option set the request's connection was terminated with. HTTP/2's request socket is a
 * proxy that reads properties of the session's socket, so the stamp is seen there too.
 */
export function tlsOptionsUsed(socket: object): string | undefined {
  return (socket as StampedSocket)[kOptions];
}
