import type { StickyCookieConfig } from '@wharf/config';
import type { ServerRef } from '../types.js';
import { formatSetCookie, readCookie, stickyCookieName, stickyCookieValue } from './sticky-cookie.js';

export interface StickyMatch<S> {
  readonly server: S;
  /** false for a legacy value (the raw URL): the cookie must be rewritten */
  readonly current: boolean;
}

/**
 * A service's sticky-cookie table, precomputed at build so a pick only reads the header and does
 * one map lookup: cookie name, value → server, and each server's full `Set-Cookie` value.
 */
export class StickySession<S extends { readonly ref: ServerRef }> {
  readonly cookieName: string;
  private readonly byValue = new Map<string, StickyMatch<S>>();
  private readonly setCookies = new Map<S, string>();

  constructor(serviceName: string, config: StickyCookieConfig, servers: readonly S[]) {
    this.cookieName = stickyCookieName(serviceName, config.name);
    for (const server of servers) {
      const value = stickyCookieValue(server.ref.url);
      if (!this.byValue.has(value)) this.byValue.set(value, Object.freeze({ server, current: true }));
      if (!this.byValue.has(server.ref.url)) {
        this.byValue.set(server.ref.url, Object.freeze({ server, current: false }));
      }
      this.setCookies.set(server, formatSetCookie(this.cookieName, value, config));
    }
  }

  /** the server the request's cookie names, if it names one of this service's servers */
  match(cookieHeader: string | undefined): StickyMatch<S> | undefined {
    const value = readCookie(cookieHeader, this.cookieName);
    return value === undefined ? undefined : this.byValue.get(value);
  }

  /** the precomputed `Set-Cookie` value that pins a client to `server` */
  setCookie(server: S): string {
    return this.setCookies.get(server) as string;
  }
}
