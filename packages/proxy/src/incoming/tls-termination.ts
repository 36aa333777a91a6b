import type { Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls';
import { ACME_TLS_ALPN_PROTOCOL, isWharfError } from '@wharf/config';
import type { GenerationTls } from '@wharf/runtime';
import { checkClientCertificate, type LoadedCertificate, type TlsGeneration } from '@wharf/tls';
import { carryClientAddress } from './proxy-header/client-address.js';
import { stampTlsOptions } from './tls-options-used.js';

/** Where a terminated connection goes, by ALPN: `h2` to the HTTP/2 server, anything else to the HTTP/1.1 one. */
export interface DecryptedSinks {
  http1(socket: TLSSocket): void;
  h2(socket: TLSSocket): void;
}

/**
 * One non-listening `tls.Server` per (generation, option set, certificate): the option set decides
 * what Node fixes per server (versions, ciphers, client auth); the certificate is chosen in JS from
 * the peeked ClientHello (SNI, else the local address) before the handshake starts, so OpenSSL
 * never pauses it for an `SNICallback` and a context switch (paired runs: 1-3 % less CPU per
 * handshake, within noise). The rule is `selectCertificate`'s, the one TCP routers' SNICallback
 * applies. A refused choice (sniStrict, a broken option set) goes to a server without
 * certificate: the handshake fails with an alert. A connection uses the generation current when
 * its ClientHello arrived, so a certificate edit applies to the next handshake and never cuts an
 * open connection. Servers of a dropped generation go with it (WeakMap).
 */
export function createTlsTermination(sinks: DecryptedSinks) {
  const servers = new WeakMap<TlsGeneration, Map<string, TlsServer>>();

  /**
   * TLS-ALPN-01 (RFC 8737): a ClientHello offering `acme-tls/1` gets the challenge certificate of
   * the `acme-tls/1` store (Node's SNICallback does not see ALPN, hence a server of its own); the
   * connection is closed once the handshake is done.
   */
  function challengeServerFor(tls: TlsGeneration, localAddress: string): TlsServer {
    let byName = servers.get(tls);
    if (byName === undefined) servers.set(tls, (byName = new Map()));
    const key = `${ACME_TLS_ALPN_PROTOCOL}\u0000${localAddress}`;
    let server = byName.get(key);
    if (server !== undefined) return server;
    const find = tls.lookup('default');
    server = createTlsServer({
      ALPNProtocols: [ACME_TLS_ALPN_PROTOCOL],
      SNICallback: (serverName, done) => {
        const context = find(serverName, localAddress, [ACME_TLS_ALPN_PROTOCOL]);
        if (isWharfError(context)) done(context);
        else done(null, context);
      },
    });
    server.on('tlsClientError', (_err: Error, socket: TLSSocket) => socket.destroy());
    server.on('secureConnection', (socket: TLSSocket) => socket.end());
    byName.set(key, server);
    return server;
  }

  function serverFor(tls: TlsGeneration, optionsName: string, served: LoadedCertificate | undefined): TlsServer {
    let byName = servers.get(tls);
    if (byName === undefined) servers.set(tls, (byName = new Map()));
    const key = `${optionsName}\u0000${served === undefined ? '' : served.id}`;
    let server = byName.get(key);
    if (server !== undefined) return server;
    const set = tls.options.get(optionsName);
    server = createTlsServer(tls.certificateServerOptions(optionsName, served));
    // refused or broken handshakes (sniStrict, bad client certificate, a client gone mid-way): with a
    // listener Node leaves the socket open, so close it here
    server.on('tlsClientError', (_err: Error, socket: TLSSocket) => socket.destroy());
    server.on('secureConnection', (socket: TLSSocket) => {
      const refused = set ? checkClientCertificate(socket, set.clientAuthType) : undefined;
      if (refused !== undefined) return socket.destroy();
      stampTlsOptions(socket, optionsName);
      carryClientAddress((socket as TLSSocket & { _parent?: Socket })._parent, socket);
      socket.on('error', () => undefined);
      if (socket.alpnProtocol === 'h2') sinks.h2(socket);
      else sinks.http1(socket);
    });
    byName.set(key, server);
    return server;
  }

  /** Terminates TLS on a socket whose ClientHello (server name) was peeked and put back. */
  return function terminate(socket: Socket, entryPoint: string, tls: GenerationTls, serverName: string | undefined, alpn: readonly string[] = []): void {
    const choice = tls.optionsFor(entryPoint, serverName);
    if ('broken' in choice) return void socket.destroy();
    const local = (socket.localAddress ?? '').replace(/^::ffff:/, '');
    // no resume(): the TLS layer reads the peeked bytes back and then the handle itself; a resumed
    // socket would also read in JS and a client gone mid-handshake would leave it open
    // node:http accepts half-open sockets (it ends them itself); TLS does not: a client's FIN closes
    socket.allowHalfOpen = false;
    if (alpn.includes(ACME_TLS_ALPN_PROTOCOL)) return void challengeServerFor(tls.compiled, local).emit('connection', socket);
    const set = tls.compiled.options.get(choice.options);
    const picked = set === undefined || set.broken ? undefined : tls.compiled.selectCertificate(set, serverName, local);
    serverFor(tls.compiled, choice.options, picked !== undefined && 'certificate' in picked ? picked.certificate : undefined).emit('connection', socket);
  };
}
