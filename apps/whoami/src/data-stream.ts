import { Readable } from 'node:stream';

const CHUNK = Buffer.alloc(64 * 1024, 'x'.charCodeAt(0));

/**
 * `size` bytes of filler, produced on demand (backpressure-aware) so a multi-GB download
 * never sits in memory. Each 64 KiB chunk is the same shared buffer.
 */
export function createDataStream(size: number): Readable {
  let left = size;
  return new Readable({
    highWaterMark: CHUNK.length,
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const n = Math.min(left, CHUNK.length);
      left -= n;
      this.push(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n));
    },
  });
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `size=N` with optional `unit=KB|MB|GB` (traefik/whoami); NaN-safe, default 1 byte. */
export function parseSize(size: string | null, unit: string | null): number {
  const n = Number(size ?? '1');
  const mult = SIZE_UNITS[(unit ?? '').toLowerCase()] ?? 1;
  return Number.isFinite(n) && n >= 0 ? Math.floor(n * mult) : 1;
}
