import { describe, expect, it } from 'vitest';
import { createL4Meter } from './l4-counters.js';

describe('L4 meter', () => {
  it('counts open, total and bytes per router and service', () => {
    const m = createL4Meter();
    const a = m.open('tcp', 'r@file', 's@file');
    const b = m.open('tcp', 'r@file', 's@file');
    a.bytes(10, 20);
    b.bytes(1, 2);
    a.end();
    a.end();
    const u = m.open('udp', 'u@file', 'us@file');
    u.bytes(5, 5);
    const snap = m.snapshot();
    expect(snap.routers['r@file']).toEqual({ protocol: 'tcp', open: 1, total: 2, bytesIn: 11, bytesOut: 22 });
    expect(snap.services['s@file']).toEqual({ protocol: 'tcp', open: 1, total: 2, bytesIn: 11, bytesOut: 22 });
    expect(snap.services['us@file']).toEqual({ protocol: 'udp', open: 1, total: 1, bytesIn: 5, bytesOut: 5 });
  });

  it('returns copies (a snapshot does not move afterwards)', () => {
    const m = createL4Meter();
    const f = m.open('tcp', 'r', 's');
    const snap = m.snapshot();
    f.bytes(3, 3);
    expect(snap.routers.r?.bytesIn).toBe(0);
  });
});
