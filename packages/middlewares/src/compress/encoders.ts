import zlib from 'node:zlib';
import type { Transform } from 'node:stream';

type ZstdZlib = typeof zlib & { createZstdCompress?: () => Transform };

/** Encodings this Node can produce: zstd only where `zlib.createZstdCompress` exists (Node ≥ 22.15). */
export function availableEncodings(): string[] {
  return ['zstd', 'br', 'gzip'].filter((e) => e !== 'zstd' || typeof (zlib as ZstdZlib).createZstdCompress === 'function');
}

export function createEncoder(encoding: string): Transform {
  switch (encoding) {
    case 'br':
      return zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
    case 'zstd':
      return (zlib as ZstdZlib).createZstdCompress!();
    default:
      return zlib.createGzip();
  }
}
