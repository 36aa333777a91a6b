import type { TLSSocket } from 'node:tls';
import type { TlsClientAuthType } from '@wharf/config';
import { TlsErrors } from '../errors.js';
import type { WharfError } from '@wharf/config';

/**
 * The part of Go's client auth that Node does not do by itself, checked once the handshake is done
 * (on `secureConnection` of a `tls.Server` built from `serverOptions`):
 * - RequireAnyClientCert: a certificate is required, not verified (Node: requestCert without
 *   rejectUnauthorized, so the absence is checked here);
 * - VerifyClientCertIfGiven: none is fine, but one given must verify against `caFiles`;
 * - RequireAndVerifyClientCert: Node refuses in the handshake (no certificate) or destroys the
 *   socket (one that does not verify); checked again here so the rule holds on its own.
 * Returns the error to destroy the socket with, or undefined to let it through.
 */
export function checkClientCertificate(socket: TLSSocket, type: TlsClientAuthType): WharfError | undefined {
  if (type === 'NoClientCert' || type === 'RequestClientCert') return undefined;
  const given = socket.getPeerX509Certificate() !== undefined;
  if (!given) return type === 'VerifyClientCertIfGiven' ? undefined : TlsErrors.clientCertRequired();
  if (type === 'RequireAnyClientCert' || socket.authorized) return undefined;
  return TlsErrors.clientCertInvalid(String(socket.authorizationError ?? 'not verified'));
}
