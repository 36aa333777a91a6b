/**
 * The hostile-HTTP corpus: one row per malformed, smuggling or tricky request, run on raw sockets
 * against a real wharf (hostile-http.test.ts). To keep a fix fixed, add a row.
 *
 * The routing it runs on (hostileConfig): `a.example` → backend `app`; `up404.example` → `missing`
 * (answers 404 to everything); `ws.example` → `ws` (a real WebSocket handshake); `secure.example`
 * and any `PathPrefix(/admin)` → `secure` behind an ipAllowList that denies the test client (403);
 * `crlf.example` → a router whose headers middleware holds a CR/LF value (disabled, so the
 * catch-all answers); anything else → `app`. So `secure` must never see a request, and every row says exactly which
 * requests reach which backend (none when `reaches` is absent).
 */

export type BackendName = 'app' | 'missing' | 'ws' | 'secure';

export interface HostileCase {
  name: string;
  group: 'smuggling' | 'framing' | 'oversized' | 'upgrade' | 'path' | 'host' | 'headers';
  /** `strict` denies every encoded character (`http.encodedCharacters.*=false`) */
  entryPoint?: 'web' | 'strict';
  /** written in order on one connection, a short pause between parts */
  send: Array<string | Buffer>;
  /** statuses of the responses, in order; nothing else may come back */
  statuses: number[];
  /** the connection must be closed by wharf after the responses */
  closed?: boolean;
  /** `METHOD url` of each request each backend receives, in order; unlisted backends receive nothing */
  reaches?: Partial<Record<BackendName, string[]>>;
  /**
   * requests that may or may not arrive, by timing: a valid head is routed and its body streamed
   * at once, so a body that turns out malformed may be cut before or after the server saw the head
   */
  mayReach?: Partial<Record<BackendName, string[]>>;
  /** headers of the first request reaching a backend (null: absent) */
  headers?: Record<string, string | null>;
}

const H = 'Host: a.example\r\n';
const get = (path: string, host = 'a.example', extra = '') => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}\r\n`;
const upgrade = (host: string, extra = '') => get('/chat', host, `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}`);
/** a second request for the protected router, written right after the first */
const toSecure = get('/', 'secure.example');
const toAdmin = get('/admin', 'a.example');
const manyHeaders = (n: number) => Array.from({ length: n }, (_, i) => `X-H${i}: v\r\n`).join('');
const smuggledGet = `GET /admin HTTP/1.1\r\n${H}\r\n`;

const smuggling: HostileCase[] = [
  { name: 'CL and TE together (CL.TE)', group: 'smuggling', send: [`POST / HTTP/1.1\r\n${H}Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG`], statuses: [400], closed: true },
  { name: 'TE.TE: chunked then an unknown coding', group: 'smuggling', send: [`POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n0\r\n\r\n`], statuses: [400], closed: true },
  { name: 'TE with a space before the colon', group: 'smuggling', send: [`POST / HTTP/1.1\r\n${H}Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n`], statuses: [400], closed: true },
  { name: 'two different Content-Length', group: 'smuggling', send: [`POST / HTTP/1.1\r\n${H}Content-Length: 1\r\nContent-Length: 2\r\n\r\nab`], statuses: [400], closed: true },
  { name: 'Content-Length with a sign', group: 'smuggling', send: [`POST / HTTP/1.1\r\n${H}Content-Length: +1\r\n\r\na`], statuses: [400], closed: true },
  {
    name: 'a request hidden in a Content-Length body stays a body',
    group: 'smuggling',
    send: [`POST /form HTTP/1.1\r\n${H}Content-Length: ${smuggledGet.length}\r\n\r\n${smuggledGet}`],
    statuses: [200],
    reaches: { app: ['POST /form'] },
  },
  {
    name: 'a request after a chunked body is routed on its own (403)',
    group: 'smuggling',
    send: [`POST /c HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n${toAdmin}`],
    statuses: [200, 403],
    reaches: { app: ['POST /c'] },
  },
  { name: 'pipelined requests are each routed', group: 'smuggling', send: [get('/one') + toSecure + get('/two')], statuses: [200, 403, 200], reaches: { app: ['GET /one', 'GET /two'] } },
];

const framing: HostileCase[] = [
  { name: 'bare LF line endings', group: 'framing', send: ['GET / HTTP/1.1\nHost: a.example\n\n'], statuses: [400], closed: true },
  { name: 'obsolete header folding', group: 'framing', send: [`GET / HTTP/1.1\r\n${H}X-A: 1\r\n 2\r\n\r\n`], statuses: [400], closed: true },
  { name: 'NUL in a header value', group: 'framing', send: [`GET / HTTP/1.1\r\n${H}X-A: 1\u00002\r\n\r\n`], statuses: [400], closed: true },
  { name: 'space in a header name', group: 'framing', send: [`GET / HTTP/1.1\r\n${H}Bad Header: 1\r\n\r\n`], statuses: [400], closed: true },
  { name: 'chunk size in hex with 0x', group: 'framing', send: [`POST /c HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n0x1\r\na\r\n0\r\n\r\n`], statuses: [400], closed: true, mayReach: { app: ['POST /c'] } },
  { name: 'chunk size overflowing 64 bits', group: 'framing', send: [`POST /c HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n`], statuses: [400], closed: true, mayReach: { app: ['POST /c'] } },
  { name: 'chunk data followed by a bare LF', group: 'framing', send: [`POST /c HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n1\r\na\n0\r\n\r\n`], statuses: [400], closed: true, mayReach: { app: ['POST /c'] } },
  {
    name: 'a request smuggled after a malformed chunk is never forwarded',
    group: 'framing',
    send: [`POST /c HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n1\r\na\n0\r\n\r\n${toAdmin}`],
    statuses: [400],
    closed: true,
    mayReach: { app: ['POST /c'] },
  },
  { name: 'invalid method token', group: 'framing', send: [`G@T / HTTP/1.1\r\n${H}\r\n`], statuses: [400], closed: true },
  { name: 'unknown HTTP version', group: 'framing', send: [`GET / HTTP/9.9\r\n${H}\r\n`], statuses: [400], closed: true },
  { name: 'HTTP/2 preface on an HTTP/1.1 entrypoint', group: 'framing', send: ['PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'], statuses: [400], closed: true },
  { name: 'space inside the target', group: 'framing', send: [`GET /a b HTTP/1.1\r\n${H}\r\n`], statuses: [400], closed: true },
  { name: 'relative target without a slash', group: 'framing', send: [`GET admin HTTP/1.1\r\n${H}\r\n`], statuses: [400], closed: true },
  { name: 'asterisk-form outside OPTIONS', group: 'framing', send: [`GET * HTTP/1.1\r\n${H}\r\n`], statuses: [400], closed: true },
  { name: 'OPTIONS * is answered by wharf itself', group: 'framing', send: [`OPTIONS * HTTP/1.1\r\n${H}\r\n`], statuses: [200] },
  { name: 'a fragment in the target', group: 'framing', send: [get('/x#/../admin')], statuses: [400], closed: true },
];

const oversized: HostileCase[] = [
  { name: '1,200 headers (past node’s 1,000) are all forwarded, none dropped', group: 'oversized', send: [get('/many', 'a.example', manyHeaders(1200))], statuses: [200], reaches: { app: ['GET /many'] }, headers: { 'x-h1199': 'v' } },
  { name: 'a header block over the size limit', group: 'oversized', send: [get('/', 'a.example', `X-Big: ${'a'.repeat(20_000)}\r\n`)], statuses: [431], closed: true },
  { name: 'a 20 KB request target', group: 'oversized', send: [get(`/${'a'.repeat(20_000)}`)], statuses: [431], closed: true },
];

const upgrades: HostileCase[] = [
  { name: 'Upgrade to a backend answering 200, then a request for the protected router', group: 'upgrade', send: [upgrade('a.example') + toSecure], statuses: [200], closed: true, reaches: { app: ['GET /chat'] } },
  { name: 'Upgrade to a backend answering 404, then a request for /admin', group: 'upgrade', send: [upgrade('up404.example') + toAdmin], statuses: [404], closed: true, reaches: { missing: ['GET /chat'] } },
  { name: 'Upgrade answered 200, the second request written later', group: 'upgrade', send: [upgrade('a.example'), toSecure], statuses: [200], closed: true, reaches: { app: ['GET /chat'] } },
  { name: 'Upgrade to the protected router is refused by its middleware', group: 'upgrade', send: [upgrade('secure.example') + toSecure], statuses: [403], closed: true },
  { name: 'Upgrade carrying a body', group: 'upgrade', send: [upgrade('a.example', `Content-Length: ${toSecure.length}\r\n`) + toSecure], statuses: [400], closed: true },
  { name: 'h2c upgrade to a backend that ignores it', group: 'upgrade', send: [get('/', 'a.example', 'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n') + toSecure], statuses: [200], closed: true, reaches: { app: ['GET /'] } },
  { name: 'Upgrade header without Connection: upgrade is a plain request', group: 'upgrade', send: [get('/plain', 'a.example', 'Upgrade: websocket\r\n') + toSecure], statuses: [200, 403], reaches: { app: ['GET /plain'] }, headers: { upgrade: null } },
  { name: 'a real WebSocket handshake is tunnelled', group: 'upgrade', send: [upgrade('ws.example')], statuses: [101], reaches: { ws: ['GET /chat'] } },
];

const paths: HostileCase[] = [
  ...['/x/../admin', '//admin', '/./admin', '/x/%2e%2e/admin', '/x/%2E%2E/admin', '/%2e/admin', '/adm%69n', '/x/.%2e/admin/', '/admin/../admin'].map(
    (p): HostileCase => ({ name: `dot-segment trick ${p} meets the /admin router`, group: 'path', send: [get(p)], statuses: [403] }),
  ),
  { name: 'a backslash is forwarded escaped, as Go does', group: 'path', send: [get('/x\\admin')], statuses: [200], reaches: { app: ['GET /x%5Cadmin'] } },
  { name: 'an encoded slash is not a separator (Traefik default allows it)', group: 'path', send: [get('/x/..%2fadmin')], statuses: [200], reaches: { app: ['GET /x/..%2Fadmin'] } },
  { name: 'a dangling percent escape', group: 'path', send: [get('/a%zz')], statuses: [400], closed: true },
  ...['/x/..%2Fadmin', '/admin%00', '/a%5Cb', '/a%3Bb', '/a%25', '/a%3F', '/a%23'].map(
    (p): HostileCase => ({ name: `strict entrypoint denies ${p}`, group: 'path', entryPoint: 'strict', send: [get(p)], statuses: [400], closed: true }),
  ),
  { name: 'strict entrypoint still serves a clean path', group: 'path', entryPoint: 'strict', send: [get('/fine?q=%2F')], statuses: [200], reaches: { app: ['GET /fine?q=%2F'] } },
];

const hosts: HostileCase[] = [
  { name: 'absolute-form target wins over the Host header', group: 'host', send: [`GET http://a.example/abs HTTP/1.1\r\nHost: secure.example\r\n\r\n`], statuses: [200], reaches: { app: ['GET /abs'] }, headers: { host: 'a.example', 'x-forwarded-host': 'a.example' } },
  { name: 'absolute-form target to the protected router, Host elsewhere', group: 'host', send: [`GET http://secure.example/ HTTP/1.1\r\n${H}\r\n`], statuses: [403] },
  { name: 'absolute-form with another scheme', group: 'host', send: [`GET ftp://a.example/ HTTP/1.1\r\n${H}\r\n`], statuses: [400], closed: true },
  { name: 'two Host headers', group: 'host', send: [`GET / HTTP/1.1\r\n${H}Host: secure.example\r\n\r\n`], statuses: [400], closed: true },
  { name: 'Host with a space', group: 'host', send: [get('/', 'secure.example x')], statuses: [400], closed: true },
  { name: 'Host with a slash', group: 'host', send: [get('/', 'a.example/admin')], statuses: [400], closed: true },
  { name: 'Host with an unbalanced bracket', group: 'host', send: [get('/', '[::1')], statuses: [400], closed: true },
  { name: 'empty Host on HTTP/1.1', group: 'host', send: ['GET / HTTP/1.1\r\nHost:\r\n\r\n'], statuses: [400], closed: true },
  { name: 'no Host on HTTP/1.1', group: 'host', send: ['GET / HTTP/1.1\r\n\r\n'], statuses: [400], closed: true },
  { name: 'Host case, port and trailing dot still reach the protected router', group: 'host', send: [get('/', 'SECURE.example.:8080')], statuses: [403] },
  { name: 'HTTP/1.0 without Host goes to the catch-all', group: 'host', send: ['GET /old HTTP/1.0\r\n\r\n'], statuses: [200], closed: true, reaches: { app: ['GET /old'] } },
];

const headers: HostileCase[] = [
  {
    name: 'Connection cannot strip the forwarded headers wharf sets (CVE-2024-45410)',
    group: 'headers',
    send: [get('/conn', 'a.example', 'Connection: keep-alive, X-Forwarded-Host, X-Real-Ip, X-Forwarded-For, X-Forwarded-Proto, X-Private\r\nX-Private: 1\r\n')],
    statuses: [200],
    reaches: { app: ['GET /conn'] },
    headers: { 'x-forwarded-host': 'a.example', 'x-real-ip': '127.0.0.1', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http', 'x-private': null },
  },
  {
    name: 'forwarded headers from an untrusted client are replaced, underscore spellings dropped',
    group: 'headers',
    send: [get('/xf', 'a.example', 'X-Forwarded-Host: secure.example\r\nX-Forwarded-For: 10.0.0.1\r\nX-Real-Ip: 10.0.0.1\r\nX_Forwarded_For: 10.0.0.1\r\n')],
    statuses: [200],
    reaches: { app: ['GET /xf'] },
    headers: { 'x-forwarded-host': 'a.example', 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', x_forwarded_for: null },
  },
  {
    name: 'a CR/LF header value in config disables its router: no "502 OK", no injected header (issue 11, hole 9)',
    group: 'headers',
    send: [get('/crlf', 'crlf.example')],
    statuses: [200],
    reaches: { app: ['GET /crlf'] },
  },
];

export const hostileCorpus: HostileCase[] = [...smuggling, ...framing, ...oversized, ...upgrades, ...paths, ...hosts, ...headers];

/** The dynamic configuration the corpus runs on (see the header comment). */
export function hostileConfig(urls: Record<BackendName, string>) {
  const lb = (url: string) => ({ loadBalancer: { servers: [{ url }] } });
  return {
    http: {
      routers: {
        app: { rule: 'Host(`a.example`)', service: 'app' },
        missing: { rule: 'Host(`up404.example`)', service: 'missing' },
        ws: { rule: 'Host(`ws.example`)', service: 'ws' },
        secure: { rule: 'Host(`secure.example`)', service: 'secure', middlewares: ['deny'] },
        admin: { rule: 'PathPrefix(`/admin`)', service: 'secure', middlewares: ['deny'] },
        crlf: { rule: 'Host(`crlf.example`)', service: 'app', middlewares: ['crlf'] },
        catchall: { rule: 'PathPrefix(`/`)', service: 'app' },
      },
      services: { app: lb(urls.app), missing: lb(urls.missing), ws: lb(urls.ws), secure: lb(urls.secure) },
      middlewares: {
        deny: { ipAllowList: { sourceRange: ['192.0.2.0/24'] } },
        // a header value with CR/LF: the middleware and its router are disabled at validation
        crlf: { headers: { customResponseHeaders: { 'X-Split': 'a\r\nSet-Cookie: injected=1' } } },
      },
    },
  };
}
