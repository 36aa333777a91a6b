import type { StickyCookieConfig } from '@wharf/config';
import type { ServerRef } from '../types.js';
import { findCookieRange, formatSetCookie, stickyCookieName, stickyCookieValue, type CookieRange } from './sticky-cookie.js';

export interface StickyMatch<S> {
  readonly server: S;
  /** false for a legacy value (the raw URL): the cookie must be rewritten */
  readonly current: boolean;
}

interface PrefixEntry<S> {
  /** the value's last 9 hex digits as a number */
  readonly rest: number;
  readonly match: StickyMatch<S>;
}

/** `count` lowercase hex digits at `start` as an integer (exact up to 13 digits), or -1. */
function hexNumber(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return -1;
    n = n * 16 + d;
  }
  return n;
}

/**
 * A service's sticky-cookie table, precomputed at build: cookie name, value → server, and each
 * server's full `Set-Cookie` value. A current (16-hex) value is matched in place, without
 * slicing the header: its first 7 hex digits (a small integer) index a map, the other 9 are
 * compared as a number.
 */
export class StickySession<S extends { readonly ref: ServerRef }> {
  readonly cookieName: string;
  private readonly needle: string;
  private readonly byValue = new Map<string, StickyMatch<S>>();
  private readonly byPrefix = new Map<number, PrefixEntry<S> | null>();
  private readonly setCookies = new Map<S, string>();
  private readonly range: CookieRange = { start: 0, end: 0 };

  constructor(serviceName: string, config: StickyCookieConfig, servers: readonly S[]) {
    this.cookieName = stickyCookieName(serviceName, config.name);
    this.needle = `${this.cookieName}=`;
    for (const server of servers) {
      const value = stickyCookieValue(server.ref.url);
      if (this.byValue.has(value)) continue;
      const match = Object.freeze({ server, current: true });
      this.byValue.set(value, match);
      const prefix = hexNumber(value, 0, 7);
      // a prefix shared by two servers is left to the slow path (null marks the collision)
      this.byPrefix.set(prefix, this.byPrefix.has(prefix) ? null : { rest: hexNumber(value, 7, 9), match });
      if (!this.byValue.has(server.ref.url)) this.byValue.set(server.ref.url, Object.freeze({ server, current: false }));
      this.setCookies.set(server, formatSetCookie(this.cookieName, value, config));
    }
  }

  /** the server the request's cookie names, if it names one of this service's servers */
  match(cookieHeader: string | undefined): StickyMatch<S> | undefined {
    const range = this.range;
    if (!findCookieRange(cookieHeader, this.needle, range)) return undefined;
    const header = cookieHeader as string;
    if (range.end - range.start === 16) {
      const entry = this.byPrefix.get(hexNumber(header, range.start, 7));
      if (entry && entry.rest === hexNumber(header, range.start + 7, 9)) return entry.match;
    }
    return this.byValue.get(header.slice(range.start, range.end));
  }

  /** the precomputed `Set-Cookie` value that pins a client to `server` */
  setCookie(server: S): string {
    return this.setCookies.get(server) as string;
  }
}
