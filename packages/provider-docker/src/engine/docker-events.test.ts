import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_LINE, parseEvents } from './docker-events.js';

describe('parseEvents', () => {
  it('splits newline-delimited JSON across chunks', async () => {
    const lines = ['{"Action":"start","Actor":{"ID":"a"}}\n{"Action":"ki', 'll","Actor":{"ID":"b","Attributes":{"signal":"15"}}}\n'];
    const out = [];
    for await (const e of parseEvents(Readable.from(lines), new AbortController().signal)) out.push(e);
    expect(out).toEqual([{ action: 'start', id: 'a', signal: undefined }, { action: 'kill', id: 'b', signal: '15' }]);
  });

  it('wraps a stream failure into the source error and bounds a line', async () => {
    const wrapError = (err: unknown) => Object.assign(new Error(`wrapped: ${(err as Error).message}`), { code: 'WHARF_DOCKER_UNAVAILABLE' });
    const failing = Readable.from((async function* () { yield '{"Action":"start","Actor":{"ID":"a"}}\n'; throw new Error('socket hang up'); })());
    const seen: string[] = [];
    await expect((async () => { for await (const e of parseEvents(failing, new AbortController().signal, { wrapError })) seen.push(e.id); })())
      .rejects.toMatchObject({ code: 'WHARF_DOCKER_UNAVAILABLE', message: 'wrapped: socket hang up' });
    expect(seen).toEqual(['a']);
    const endless = Readable.from([`{"Action":"${'x'.repeat(MAX_EVENT_LINE)}`, '"}\n']);
    await expect((async () => { for await (const _ of parseEvents(endless, new AbortController().signal, { wrapError })) { /* none */ } })())
      .rejects.toMatchObject({ message: expect.stringContaining('exceeds') });
  });

  it('ends when the signal aborts and reports the end once', async () => {
    const ac = new AbortController();
    let ended = 0;
    const idle = new Readable({ read() {} });
    const iterator = parseEvents(idle, ac.signal, { onEnd: () => { ended += 1; } })[Symbol.asyncIterator]();
    const next = iterator.next();
    ac.abort();
    await next.catch(() => undefined);
    expect(idle.destroyed).toBe(true);
    expect(ended).toBe(1);
  });
});
