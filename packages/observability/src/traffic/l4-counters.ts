import type { L4Counters } from '@wharf/config';

/** One TCP connection or UDP session being counted; `end` is idempotent. */
export interface L4Flow {
  bytes(bytesIn: number, bytesOut: number): void;
  end(): void;
}

/** the bytes in and out a flow has moved so far, read when a snapshot is taken */
type L4LiveBytes = () => readonly [bytesIn: number, bytesOut: number];

export interface L4Meter {
  /**
   * a connection (TCP) or session (UDP) routed by `router` to `service` (qualified names); with
   * `live`, snapshots count its bytes while it is open (a long connection shows its traffic before
   * it ends), and its final `bytes` call replaces them
   */
  open(protocol: 'tcp' | 'udp', router: string, service: string, live?: L4LiveBytes): L4Flow;
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
  const live = new Map<L4Flow, { live: L4LiveBytes; both: L4Counters[] }>();
  return {
    open(protocol, router, service, liveBytes) {
      const both = [entry(routers, router, protocol), entry(services, service, protocol)].filter((c): c is L4Counters => c !== undefined);
      for (const c of both) {
        c.open += 1;
        c.total += 1;
      }
      let ended = false;
      const flow: L4Flow = {
        bytes(bytesIn, bytesOut) {
          live.delete(flow);
          for (const c of both) {
            c.bytesIn += bytesIn;
            c.bytesOut += bytesOut;
          }
        },
        end() {
          if (ended) return;
          ended = true;
          live.delete(flow);
          for (const c of both) c.open -= 1;
        },
      };
      if (liveBytes !== undefined && both.length > 0) live.set(flow, { live: liveBytes, both });
      return flow;
    },
    snapshot() {
      const copies = new Map<L4Counters, L4Counters>();
      const copy = (c: L4Counters): L4Counters => {
        let out = copies.get(c);
        if (out === undefined) copies.set(c, (out = { ...c }));
        return out;
      };
      for (const { live: read, both } of live.values()) {
        const [bytesIn, bytesOut] = read();
        for (const c of both) {
          const out = copy(c);
          out.bytesIn += bytesIn;
          out.bytesOut += bytesOut;
        }
      }
      return {
        routers: Object.fromEntries([...routers].map(([k, v]) => [k, copy(v)])),
        services: Object.fromEntries([...services].map(([k, v]) => [k, copy(v)])),
      };
    },
  };
}
