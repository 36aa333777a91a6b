import type { InFlightRow } from '@wharf/config';
/**
 * Exact requests in flight for one element (router or service): the current count and the
 * highest count reached in the current slot. Integers only; the slot rolls over lazily on the
 * next start, end or read, so an idle element costs nothing.
 */
export class InFlightCounter {
  current = 0;
  /** highest `current` within slot `slot` */
  private slotMax = 0;
  /** highest `current` within the slot before `slot` */
  private prevMax = 0;
  private slot = -1;
  /** routers only: the service counter the router's in-flight requests are counted on */
  service: InFlightCounter | undefined;

  private roll(slot: number): void {
    if (slot === this.slot) return;
    // nothing happened since `this.slot`: every later slot held `current` throughout
    this.prevMax = slot === this.slot + 1 ? this.slotMax : this.current;
    this.slotMax = this.current;
    this.slot = slot;
  }

  enter(slot: number, n = 1): void {
    this.roll(slot);
    this.current += n;
    if (this.current > this.slotMax) this.slotMax = this.current;
  }

  leave(slot: number, n = 1): void {
    this.roll(slot);
    // never below zero, whatever a misbehaving caller does
    this.current = this.current > n ? this.current - n : 0;
  }

  /** highest in-flight count within `slot` so far (the current slot) */
  max(slot: number): number {
    this.roll(slot);
    return this.slotMax;
  }

  /** highest in-flight count within the slot before `slot` (the last completed one) */
  previousMax(slot: number): number {
    this.roll(slot);
    return this.prevMax;
  }

  /** no request in flight and none for at least `slots` slots */
  idleSince(slot: number, slots: number): boolean {
    return this.current === 0 && slot - this.slot >= slots;
  }
}

/** One row of the exact in-flight table (`inFlight` of `/api/wharf/traffic/stats`). */
export type { InFlightRow } from '@wharf/config';

/** Exact in-flight counts per router and per service (the router's service). */
export class InFlightTable {
  readonly routers = new Map<string, InFlightCounter>();
  readonly services = new Map<string, InFlightCounter>();

  private counter(map: Map<string, InFlightCounter>, name: string): InFlightCounter {
    let c = map.get(name);
    if (c === undefined) map.set(name, (c = new InFlightCounter()));
    return c;
  }

  /**
   * A routed request starts. A router's requests are counted on the service it named at start;
   * if a reload changes that service while requests are in flight, they move to the new one
   * (totals stay exact, nothing leaks).
   */
  start(slot: number, router: string, service: string | undefined): void {
    const r = this.counter(this.routers, router);
    const svc = service === undefined ? undefined : this.counter(this.services, service);
    if (r.service !== svc) {
      if (r.current > 0) {
        r.service?.leave(slot, r.current);
        svc?.enter(slot, r.current);
      }
      r.service = svc;
    }
    r.enter(slot);
    svc?.enter(slot);
  }

  /** the request that started on `router` ended (answered, failed or aborted) */
  end(slot: number, router: string): void {
    const r = this.routers.get(router);
    if (r === undefined || r.current === 0) return;
    r.leave(slot);
    r.service?.leave(slot);
  }

  /** rows sorted by name; forgets elements idle for `idleSlots` slots */
  rows(which: 'routers' | 'services', slot: number, idleSlots: number): InFlightRow[] {
    const map = this[which];
    const out: InFlightRow[] = [];
    for (const [name, c] of map) {
      if (c.idleSince(slot, idleSlots) && !this.referenced(which, c)) {
        map.delete(name);
        continue;
      }
      out.push({ name, current: c.current, max: c.max(slot), lastSlotMax: c.previousMax(slot) });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** a service counter still named by a router must not be replaced by a fresh one */
  private referenced(which: 'routers' | 'services', c: InFlightCounter): boolean {
    if (which === 'routers') return false;
    for (const r of this.routers.values()) if (r.service === c) return true;
    return false;
  }
}
