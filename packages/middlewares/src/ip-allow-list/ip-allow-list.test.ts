import { describe, expect, it } from 'vitest';
import { fakeContext } from '../testing/context.js';
import { fakeExchange, recordingNext } from '../testing/exchange.js';
import { createIPAllowList } from './ip-allow-list.js';
import type { IPAllowListOptions } from './schema.js';

async function status(options: IPAllowListOptions, clientIP: string, xff?: string) {
  const ex = fakeExchange({ clientIP, headers: xff ? { 'x-forwarded-for': xff } : {} });
  return (await createIPAllowList(options, fakeContext().ctx)(ex, recordingNext().make(ex))).status;
}

describe('ipAllowList', () => {
  it('allows listed IPs and CIDRs, rejects others with 403', async () => {
    const o = { sourceRange: ['127.0.0.1/32', '192.168.1.0/24'] };
    expect(await status(o, '127.0.0.1')).toBe(200);
    expect(await status(o, '::ffff:192.168.1.9')).toBe(200);
    expect(await status(o, '10.0.0.1')).toBe(403);
  });
  it('uses rejectStatusCode and the ipStrategy over X-Forwarded-For', async () => {
    const o = { sourceRange: ['1.1.1.1'], ipStrategy: { depth: 2 }, rejectStatusCode: 404 };
    expect(await status(o, '10.0.0.1', '1.1.1.1, 9.9.9.9')).toBe(200);
    expect(await status(o, '1.1.1.1', '9.9.9.9, 1.1.1.1')).toBe(404);
    expect(await status(o, '1.1.1.1')).toBe(404);
  });
});
