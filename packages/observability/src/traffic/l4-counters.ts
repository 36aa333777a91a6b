import type { L4Counters } from '@wharf/config';

/** One TCP connection or UDP session being counted; `end` is idempotent. */
export interface L4Flow {
  bytes(bytesIn: number, bytesOut: number): void;
  end(): void;
}

export interface L4Meter {
  /** a connection (TCP) or session (UDP) routed by `router` to `service` (qualified names) */
  open(protocol: 'tcp' | 'udp', router: string, service: string): L4Flow;
  snapshot(): { routers: Record<string, L4Counters>; services: Record<string, L4Counters> };
}

/** names kept at most (a hostile configuration churning names cannot grow the tables without bound) */
const MAX_NAMES = 10_000;

function entry(table: Map<string, L4Counters>, name: string, protocol: 'tcp' | 'udp'): L4Counters | undefined {
  let c = table.get(name);
  if (!c) {
    if (table.size >= MAX_NAMES) return undefined;
    c = { protocol, open: 0, total: 0, bytesIn: 0, bytesOut: 0 };
    table.set(name, c);
  }
  return c;
}

/** Connections open/total and bytes in (client → wharf) and out (wharf → client), since start. */
export function createL4Meter(): L4Meter {
  const routers = new Map<string, L4Counters>();
  const services = new Map<string, L4Counters>();
  return {
    open(protocol, router, service) {
      const both = [entry(routers, router, protocol), entry(services, service, protocol)].filter((c): c is L4Counters => c !== undefined);
      for (const c of both) {
        c.open += 1;
        c.total += 1;
      }
      let ended = false;
      return {
        bytes(bytesIn, bytesOut) {
          for (const c of both) {
            c.bytesIn += bytesIn;
            c.bytesOut += bytesOut;
          }
        },
        end() {
          if (ended) return;
          ended = true;
          for (const c of both) c.open -= 1;
        },
      };
    },
    snapshot: () => ({
      routers: Object.fromEntries([...routers].map(([k, v]) => [k, { ...v }])),
      services: Object.fromEntries([...services].map(([k, v]) => [k, { ...v }])),
    }),
  };
}
