import type { Generation } from './generation.js';

/**
 * Envoy-style warm-up: before a generation takes traffic, give its balancers' first health
 * probes a short chance to finish, so brand-new services do not answer 503 for the few
 * milliseconds their servers are still `DOWN (initial)`. Bounded: a slow probe never holds a
 * config change back for longer than `timeoutMs`. Undefined when nothing needs warming.
 */
export function warmUp(gen: Generation, timeoutMs: number): Promise<void> | undefined {
  const pending: Promise<void>[] = [];
  for (const svc of gen.services.built().values()) {
    const ready = svc.ready?.();
    if (ready) pending.push(ready);
  }
  if (gen.l4) pending.push(...gen.l4.ready());
  if (pending.length === 0 || timeoutMs <= 0) return undefined;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref?.();
    Promise.allSettled(pending).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
