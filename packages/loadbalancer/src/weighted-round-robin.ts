import { createRandom, shuffled, type RandomSource } from './random.js';

export interface WeightedItem<T> {
  value: T;
  weight: number;
}

export interface WeightedRoundRobin<T> {
  /** Next item in weighted order, skipping items `accept` rejects; undefined when none is accepted. */
  next(accept?: (value: T) => boolean): T | undefined;
  /** The item `next` would return, without consuming a turn. O(n). */
  peek(accept?: (value: T) => boolean): T | undefined;
  /** items with weight > 0 */
  readonly size: number;
}

export interface WeightedRoundRobinOptions {
  /** shuffle source (seed it in tests); default: randomly seeded */
  random?: RandomSource;
  /** shuffle the items on build like Traefik (default true) */
  shuffle?: boolean;
}

interface Entry<T> {
  readonly value: T;
  readonly step: number;
  readonly seq: number;
  deadline: number;
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

function siftDown<T>(heap: Entry<T>[], start: number): void {
  const n = heap.length;
  let i = start;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) return;
    const r = l + 1;
    const c = r < n && before(heap[r] as Entry<T>, heap[l] as Entry<T>) ? r : l;
    if (!before(heap[c] as Entry<T>, heap[i] as Entry<T>)) return;
    const tmp = heap[i] as Entry<T>;
    heap[i] = heap[c] as Entry<T>;
    heap[c] = tmp;
    i = c;
  }
}

function siftUp<T>(heap: Entry<T>[], start: number): void {
  let i = start;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(heap[i] as Entry<T>, heap[p] as Entry<T>)) return;
    const tmp = heap[i] as Entry<T>;
    heap[i] = heap[p] as Entry<T>;
    heap[p] = tmp;
    i = p;
  }
}

function popTop<T>(heap: Entry<T>[]): Entry<T> {
  const top = heap[0] as Entry<T>;
  const last = heap.pop() as Entry<T>;
  if (heap.length > 0) {
    heap[0] = last;
    siftDown(heap, 0);
  }
  return top;
}

function push<T>(heap: Entry<T>[], entry: Entry<T>): void {
  heap.push(entry);
  siftUp(heap, heap.length - 1);
}

/**
 * Weighted round robin as an Earliest-Deadline-First scheduler on a min-heap (Traefik `wrr`):
 * each pick takes the smallest deadline and moves it by 1/weight. O(log n) per pick, float
 * weights, smooth interleaving. Weight ≤ 0 (or not finite) ⇒ never picked. Items rejected by
 * `accept` advance as if served (Traefik), so a recovering item does not get a burst.
 */
export function createWeightedRoundRobin<T>(
  items: readonly WeightedItem<T>[],
  options: WeightedRoundRobinOptions = {},
): WeightedRoundRobin<T> {
  const usable = items.filter((i) => Number.isFinite(i.weight) && i.weight > 0);
  const ordered = options.shuffle === false ? usable : shuffled(usable, options.random ?? createRandom());
  const heap: Entry<T>[] = [];
  ordered.forEach((item, seq) => push(heap, { value: item.value, step: 1 / item.weight, seq, deadline: 1 / item.weight }));

  function next(accept?: (value: T) => boolean): T | undefined {
    let skipped: Entry<T>[] | undefined;
    let found: Entry<T> | undefined;
    try {
      while (heap.length > 0) {
        const top = heap[0] as Entry<T>;
        if (accept === undefined || accept(top.value)) {
          found = top;
          break;
        }
        (skipped ??= []).push(popTop(heap));
      }
      if (found !== undefined) {
        found.deadline += found.step;
        siftDown(heap, 0);
      }
    } finally {
      // also when `accept` throws: skipped items must go back into the heap
      if (skipped !== undefined) {
        for (const entry of skipped) {
          if (found !== undefined) entry.deadline += entry.step;
          push(heap, entry);
        }
      }
    }
    return found?.value;
  }

  function peek(accept?: (value: T) => boolean): T | undefined {
    let best: Entry<T> | undefined;
    for (const entry of heap) {
      if ((best === undefined || before(entry, best)) && (accept === undefined || accept(entry.value))) best = entry;
    }
    return best?.value;
  }

  return { next, peek, size: heap.length };
}
