import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, type TestWharf } from './testing/harness.js';

/** A Traefik command line with options wharf does not implement starts, and says so in the API. */
describe('ignored Traefik options on a running wharf', () => {
  let t: TestWharf;
  beforeAll(async () => {
    t = await startTestWharf({ http: { routers: { r: { rule: 'PathPrefix(`/`)', service: 'noop@internal' } } } }, ['--entrypoints.web.http3.advertisedport=443', '--tracing.otlp=true']);
  });
  afterAll(async () => t?.close());

  it('serves, and /api/wharf/diagnostics carries one warning per ignored option, named as written', async () => {
    expect((await fetch(`${t.url()}/`)).status).toBeLessThan(500);
    const diagnostics = (await (await fetch(`${t.apiURL()}/api/wharf/diagnostics`)).json()) as Array<{ provider: string; source: string; code: string; severity: string; message: string }>;
    const ignored = diagnostics.filter((d) => d.code === 'WHARF_STATIC_NOT_IMPLEMENTED');
    expect(ignored.map((d) => [d.provider, d.source, d.severity])).toEqual([
      ['static', '--entrypoints.web.http3.advertisedport', 'warning'],
      ['static', '--tracing.otlp', 'warning'],
    ]);
    expect(ignored[0]!.message).toMatch(/^Traefik option not implemented, ignored: HTTP\/3 \(QUIC\) is not served/);
  });
});
