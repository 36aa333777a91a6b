import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, type TestWharf } from '../testing/harness.js';
import { startRecordingBackend, type RecordingBackend } from './backends.js';
import { hostileConfig, hostileCorpus, type BackendName } from './hostile-corpus.js';
import { sendRaw } from './raw-client.js';

const DENY_ALL_ENCODED = ['Slash', 'BackSlash', 'NullCharacter', 'Semicolon', 'Percent', 'QuestionMark', 'Hash'].map(
  (c) => `--entrypoints.strict.http.encodedcharacters.allowencoded${c.toLowerCase()}=false`,
);

let t: TestWharf;
let backends: Record<BackendName, RecordingBackend>;

beforeAll(async () => {
  backends = {
    app: await startRecordingBackend('app'),
    missing: await startRecordingBackend('missing', 'notFound'),
    ws: await startRecordingBackend('ws', 'websocket'),
    secure: await startRecordingBackend('secure'),
  };
  const urls = Object.fromEntries(Object.entries(backends).map(([k, b]) => [k, b.url])) as Record<BackendName, string>;
  t = await startTestWharf(hostileConfig(urls), ['--entrypoints.strict.address=127.0.0.1:0', ...DENY_ALL_ENCODED]);
});
afterAll(async () => {
  await t?.close();
  await Promise.all(Object.values(backends ?? {}).map((b) => b.kill()));
});

const names = ['app', 'missing', 'ws', 'secure'] as const;

describe('hostile-HTTP corpus against a running wharf (raw sockets, recording backends)', () => {
  for (const c of hostileCorpus) {
    it(`[${c.group}] ${c.name}`, async () => {
      const before = Object.fromEntries(names.map((n) => [n, backends[n].seen.length]));
      const port = t.wharf.addresses[c.entryPoint ?? 'web']!.port;
      const got = await sendRaw(port, c.send, c.statuses.length);
      await new Promise((r) => setTimeout(r, 30)); // anything wrongly forwarded has arrived by now
      const reached = Object.fromEntries(names.map((n) => [n, backends[n].seen.slice(before[n]).map((s) => `${s.method} ${s.url}`)]));
      expect(got.statuses, got.text.slice(0, 300)).toEqual(c.statuses);
      if (c.closed === true) expect(got.closed, 'wharf closes the connection').toBe(true);
      const maybe = (n: BackendName, line: string) => c.mayReach?.[n]?.includes(line) === true;
      const certain = Object.fromEntries(names.map((n) => [n, reached[n]!.filter((line) => !maybe(n, line))]));
      expect(certain).toEqual(Object.fromEntries(names.map((n) => [n, c.reaches?.[n] ?? []])));
      if (c.headers !== undefined) {
        const first = names.map((n) => backends[n].seen[before[n]!]).find((s) => s !== undefined);
        for (const [name, value] of Object.entries(c.headers)) expect(first?.headers[name] ?? null, name).toBe(value);
      }
    });
  }

  it('no request ever reached the router that denies every client', () => {
    expect(backends.secure.seen).toEqual([]);
  });
});
