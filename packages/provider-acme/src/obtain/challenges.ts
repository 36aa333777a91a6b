/**
 * HTTP-01 key authorizations by token. The app serves them at
 * `/.well-known/acme-challenge/<token>` on the `httpChallenge.entryPoint` (Traefik's
 * `acme-http@internal` router, priority max); several resolvers may share one store.
 */
export class HttpChallengeStore {
  readonly #tokens = new Map<string, string>();

  set(token: string, keyAuthorization: string): void {
    this.#tokens.set(token, keyAuthorization);
  }

  delete(token: string): void {
    this.#tokens.delete(token);
  }

  /** The body for a request path, or undefined when it is not a pending challenge. */
  respond(path: string): string | undefined {
    const prefix = '/.well-known/acme-challenge/';
    if (!path.startsWith(prefix)) return undefined;
    return this.#tokens.get(path.slice(prefix.length));
  }
}

/** TLS-ALPN-01 challenge certificates (RFC 8737) by domain, served for clients offering `acme-tls/1`. */
export interface TlsAlpnChallenges {
  set(domain: string, certificatePem: string, keyPem: string): void | Promise<void>;
  delete(domain: string): void;
}
