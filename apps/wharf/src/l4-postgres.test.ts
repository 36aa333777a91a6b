import { execFile as execFileCb, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { findBinary, findPostgres, startPostgres, type Postgres } from '@wharf/test-daemons';
import { POSTGRES_SSL_REQUEST } from '@wharf/tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, type TestWharf } from './testing/harness.js';

/**
 * Postgres STARTTLS through a real wharf: HostSNI TCP routers behind the SSLRequest, terminated
 * and passed through, first with Node clients and servers, then with psql and real PostgreSQL
 * servers (Debian postgresql, postgresql-client).
 */
const execFile = promisify(execFileCb);
const pgBin = findPostgres('Postgres STARTTLS');
const psql = findBinary('psql', 'Postgres STARTTLS');

let dir: string;
let cert = '';
let key = '';
let t: TestWharf;
const servers: Server[] = [];
const postgres: Postgres[] = [];

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** what a Postgres server does with an SSLRequest: S, then TLS; it echoes `pg:` + bytes */
function postgresLike(): Server {
  return createServer((s) => {
    s.on('error', () => undefined);
    s.once('data', (first: Buffer) => {
      if (!first.equals(Buffer.from(POSTGRES_SSL_REQUEST))) return void s.end('N');
      s.write('S');
      const secure = new TLSSocket(s, { isServer: true, cert, key });
      secure.on('error', () => undefined);
      secure.on('data', (d: Buffer) => secure.write(`pg:${d.toString()}`));
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-l4-pg-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=db.test',
    '-addext', 'subjectAltName=DNS:db.test,DNS:replica.test,DNS:echo.test,DNS:pglike.test,DNS:direct.test', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'c.pem'), 'utf8');
  key = readFileSync(join(dir, 'k.pem'), 'utf8');
  const echo = await listen(createServer((s) => s.pipe(s)));
  const pglike = await listen(postgresLike());
  const routers: Record<string, unknown> = {
    echo: { rule: 'HostSNI(`echo.test`)', service: 'echo', entryPoints: ['pg'], tls: {} },
    pglike: { rule: 'HostSNI(`pglike.test`)', service: 'pglike', entryPoints: ['pg'], tls: { passthrough: true } },
    direct: { rule: 'HostSNI(`direct.test`)', service: 'echo', entryPoints: ['pg'], tls: { options: 'pg' } },
  };
  const services: Record<string, unknown> = {
    echo: { loadBalancer: { servers: [{ address: echo }] } },
    pglike: { loadBalancer: { servers: [{ address: pglike }] } },
  };
  if (pgBin && psql) {
    // a server without TLS behind a terminating router, one with TLS behind a passthrough router
    const [plain, secure] = await Promise.all([startPostgres(pgBin), startPostgres(pgBin, { tls: { cert: join(dir, 'c.pem'), key: join(dir, 'k.pem') } })]);
    postgres.push(plain, secure);
    routers['db'] = { rule: 'HostSNI(`db.test`)', service: 'db', entryPoints: ['pg'], tls: {} };
    routers['replica'] = { rule: 'HostSNI(`replica.test`)', service: 'replica', entryPoints: ['pg'], tls: { passthrough: true } };
    services['db'] = { loadBalancer: { servers: [{ address: `127.0.0.1:${plain.port}` }] } };
    services['replica'] = { loadBalancer: { servers: [{ address: `127.0.0.1:${secure.port}` }] } };
  }
  t = await startTestWharf({
    tls: {
      certificates: [{ certFile: join(dir, 'c.pem'), keyFile: join(dir, 'k.pem') }],
      options: { pg: { alpnProtocols: ['postgresql'] } },
    },
    tcp: { routers, services },
  }, ['--entrypoints.pg.address=127.0.0.1:0']);
}, 90_000);

afterAll(async () => {
  await t?.close();
  servers.forEach((s) => s.close());
  await Promise.all(postgres.map((p) => p.cleanup()));
  rmSync(dir, { recursive: true, force: true });
});

const pgPort = (): number => t.wharf.addresses['pg']!.port;

/** SSLRequest, the one-byte answer, then a TLS handshake for `servername` and one exchange */
async function starttls(servername: string, text: string, alpn?: string[]): Promise<{ answer: string; reply: string; cn: unknown; alpn?: string | false }> {
  const raw = connect({ port: pgPort(), host: '127.0.0.1' });
  await once(raw, 'connect');
  raw.write(POSTGRES_SSL_REQUEST);
  const [answer] = (await once(raw, 'data')) as [Buffer];
  const secure = tlsConnect({ socket: raw, servername, ca: cert, ...(alpn && { ALPNProtocols: alpn }) });
  await once(secure, 'secureConnect');
  const cn = secure.getPeerCertificate().subject.CN;
  secure.write(text);
  const [reply] = (await once(secure, 'data')) as [Buffer];
  secure.destroy();
  return { answer: answer.toString(), reply: reply.toString(), cn, ...(alpn && { alpn: secure.alpnProtocol ?? false }) };
}

/** a direct TLS connection (no SSLRequest): the negotiated ALPN, or the handshake's error code */
async function directAlpn(servername: string, alpn: string[]): Promise<string | false> {
  const secure = tlsConnect({ port: pgPort(), host: '127.0.0.1', servername, ca: cert, ALPNProtocols: alpn });
  const outcome = await new Promise<string | false>((resolve) => {
    secure.once('secureConnect', () => resolve(secure.alpnProtocol ?? false));
    secure.once('error', (err: { code?: string }) => resolve(err.code ?? 'error'));
  });
  secure.destroy();
  return outcome;
}

describe('Postgres STARTTLS through wharf (Node clients and servers)', () => {
  it('terminated: S from wharf, TLS with wharf, the plain bytes reach a plain TCP echo server', async () => {
    expect(await starttls('echo.test', 'startup')).toEqual({ answer: 'S', reply: 'startup', cn: 'db.test' });
  });

  it('passthrough: the server answers its own SSLRequest, the TLS session is end to end', async () => {
    expect(await starttls('pglike.test', 'query')).toEqual({ answer: 'S', reply: 'pg:query', cn: 'db.test' });
  });

  it("a libpq 17+ client's ALPN offer (postgresql only) is accepted after an SSLRequest, with the default TLS options", async () => {
    expect(await starttls('echo.test', 'startup', ['postgresql'])).toEqual({ answer: 'S', reply: 'startup', cn: 'db.test', alpn: 'postgresql' });
  });

  it('a direct ClientHello offering only postgresql needs TLS options that list it (as Traefik)', async () => {
    expect(await directAlpn('echo.test', ['postgresql'])).toBe('ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL');
    expect(await directAlpn('direct.test', ['postgresql'])).toBe('postgresql');
  });

  it('a plain TLS client (no SSLRequest) still reaches the same routers', async () => {
    const secure = tlsConnect({ port: pgPort(), host: '127.0.0.1', servername: 'echo.test', ca: cert });
    await once(secure, 'secureConnect');
    secure.write('direct');
    const [reply] = (await once(secure, 'data')) as [Buffer];
    secure.destroy();
    expect(reply.toString()).toBe('direct');
  });
});

const conninfo = (host: string, sslmode: string): string =>
  `host=${host} hostaddr=127.0.0.1 port=${pgPort()} user=postgres dbname=postgres sslmode=${sslmode} sslrootcert=${join(dir, 'c.pem')} gssencmode=disable connect_timeout=5`;

/** what the server says about the session's TLS (`pg_stat_ssl` of this backend) */
const SQL = "select 'ssl=' || ssl from pg_stat_ssl where pid = pg_backend_pid()";

describe.skipIf(!pgBin || !psql)('psql through wharf to PostgreSQL (Debian postgresql)', () => {
  it('terminated (sslmode=verify-full against wharf\'s certificate): the server sees a plain session', async () => {
    const { stdout } = await execFile(psql!, [conninfo('db.test', 'verify-full'), '-XtAc', SQL], { timeout: 15_000 });
    expect(stdout.trim()).toBe('ssl=false');
  });

  it('passthrough (sslmode=verify-full): the server itself holds the TLS session', async () => {
    const { stdout } = await execFile(psql!, [conninfo('replica.test', 'verify-full'), '-XtAc', SQL], { timeout: 15_000 });
    expect(stdout.trim()).toBe('ssl=true');
  });

  it('an SNI no router takes: psql is refused after S (connection closed), never reaches a server', async () => {
    const failed = await execFile(psql!, [conninfo('nothere.test', 'require'), '-XtAc', 'select 1'], { timeout: 15_000 }).then(() => undefined, (err: { stderr: string }) => err);
    expect(failed?.stderr).toMatch(/SSL SYSCALL error|server closed the connection|EOF detected|connection to server/i);
  });
});
