/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3 finaliser: a bijective avalanche mix of 32 bits. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Weighted rendezvous score of a (key, server) pair: `-weight / ln(u)` with u uniform in (0, 1)
 * derived from both hashes. The highest score wins; removing a server only moves its own keys.
 */
export function rendezvousScore(keyHash: number, serverHash: number, weight: number): number {
  const h = mix32(Math.imul(keyHash ^ serverHash, 0x9e3779b1) ^ (serverHash >>> 7));
  const u = (h + 0.5) / 0x1_0000_0000;
  return -weight / Math.log(u);
}
