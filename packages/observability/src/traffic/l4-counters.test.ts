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

  it('counts an open connection\'s bytes live, then its final count once, without double counting', () => {
    const m = createL4Meter();
    let moved: [number, number] = [100, 7];
    const f = m.open('tcp', 'r', 's', () => moved);
    expect(m.snapshot().routers.r).toMatchObject({ open: 1, bytesIn: 100, bytesOut: 7 });
    moved = [250, 9];
    expect(m.snapshot().services.s).toMatchObject({ bytesIn: 250, bytesOut: 9 });
    f.bytes(300, 10);
    f.end();
    expect(m.snapshot().routers.r).toEqual({ protocol: 'tcp', open: 0, total: 1, bytesIn: 300, bytesOut: 10 });
    moved = [999, 999];
    expect(m.snapshot().routers.r?.bytesIn).toBe(300);
  });
});
