import { describe, expect, it } from 'vitest';
import { fakeExchange, recordingNext } from '../testing/exchange.js';
import { createEncodedCharacters } from './encoded-characters.js';
import type { EncodedCharactersOptions } from './schema.js';

async function status(o: EncodedCharactersOptions, url: string) {
  const ex = fakeExchange({ url });
  return (await createEncodedCharacters(o)(ex, recordingNext().make(ex))).status;
}

describe('encodedCharacters', () => {
  it.each([
    ['/a%2Fb', 400], ['/a%2fb', 400], ['/a%5Cb', 400], ['/a%00', 400], ['/a%3Bb', 400], ['/a%25b', 400], ['/a%3Fb', 400], ['/a%23', 400],
    ['/a%20b', 200], ['/plain?x=%2F', 200],
  ])('%s → %d by default', async (url, code) => expect(await status({}, url)).toBe(code));
  it('allows what is configured', async () => {
    expect(await status({ allowEncodedSlash: true }, '/a%2Fb')).toBe(200);
    expect(await status({ allowEncodedSlash: true }, '/a%5Cb')).toBe(400);
  });
});
