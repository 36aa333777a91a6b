import type { DnsServiceView } from './build-config.js';
import type { DnsAnswer } from './dns-data.js';
import type { ResolvedDnsService } from './resolve-options.js';
import { resolveDelayMs } from './schedule.js';
import { applyAnswer, applyFailure, expire, nextExpiry, type SlotPolicy } from './slot-table.js';

/** A service under watch: its view plus when it resolves next (for the status view). */
export interface WatchedService extends DnsServiceView {
  nextResolutionAt?: number;
  resolving: boolean;
}

export interface WatchDeps {
  lookup: (service: ResolvedDnsService, maxAgeMs: number) => Promise<DnsAnswer>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** called (coalesced) after every change, once every service has had its first resolution */
  publish: (views: readonly WatchedService[]) => void;
  signal: AbortSignal;
}

/**
 * The I/O loop: every service resolves on its own schedule (interval, TTL-aware), and between
 * resolutions wakes when a hold runs out, so servers go on time even while nothing answers.
 * The first snapshot waits until each service has had one resolution (bounded by
 * `resolveRetries × timeout`), so routers never see a premature empty service.
 */
export async function watchServices(views: readonly WatchedService[], deps: WatchDeps): Promise<void> {
  let ready = false;
  let queued = false;
  const publish = (): void => {
    if (!ready || queued || deps.signal.aborted) return;
    queued = true;
    setImmediate(() => {
      queued = false;
      if (!deps.signal.aborted) deps.publish(views);
    });
  };
  const firsts: Array<Promise<void>> = [];
  const loops = views.map((view) => {
    let first!: () => void;
    firsts.push(new Promise<void>((resolve) => (first = resolve)));
    return watchOne(view, deps, () => {
      first();
      publish();
    });
  });
  await Promise.race([Promise.all(firsts), Promise.all(loops)]);
  if (!deps.signal.aborted) {
    ready = true;
    deps.publish(views);
  }
  await Promise.all(loops);
}

async function watchOne(view: WatchedService, deps: WatchDeps, changed: () => void): Promise<void> {
  let period = view.service.intervalMs;
  while (!deps.signal.aborted) {
    view.resolving = true;
    const answer = await deps.lookup(view.service, period);
    view.resolving = false;
    if (deps.signal.aborted) return;
    const now = deps.now();
    view.state = answer.status === 'valid' ? applyAnswer(view.state, answer, now, view.policy) : applyFailure(view.state, answer, now, view.policy);
    period = resolveDelayMs(view.state, view.service.intervalMs);
    view.nextResolutionAt = now + period;
    changed();
    await waitWithExpiries(view, view.nextResolutionAt, view.policy, deps, changed);
  }
}

/** Sleeps until `until`, waking at each hold expiry on the way to let it take effect. */
async function waitWithExpiries(view: WatchedService, until: number, policy: SlotPolicy, deps: WatchDeps, changed: () => void): Promise<void> {
  for (let now = deps.now(); now < until && !deps.signal.aborted; now = deps.now()) {
    const expiry = nextExpiry(view.state, policy);
    const wake = expiry === undefined ? until : Math.min(until, expiry);
    await deps.sleep(Math.max(1, wake - now));
    if (deps.signal.aborted) return;
    const next = expire(view.state, deps.now(), policy);
    if (next !== view.state) {
      view.state = next;
      changed();
    }
  }
}
