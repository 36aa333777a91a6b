import type { HealthRegistry } from '../types.js';

const books = new WeakMap<HealthRegistry, Map<string, number>>();

/**
 * When each passive ejection ends (epoch ms), per registry and service + URL, so an ejection
 * outlives a generation swap (the `HealthRegistry` seam has no field for it). Entries are removed
 * when the ejection ends or is found expired.
 */
export function passiveEjections(registry: HealthRegistry): Map<string, number> {
  let book = books.get(registry);
  if (book === undefined) {
    book = new Map();
    books.set(registry, book);
  }
  return book;
}

export function ejectionKey(service: string, url: string): string {
  return `${service}\u0000${url}`;
}
