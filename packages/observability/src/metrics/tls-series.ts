import type { RequestTls } from '@wharf/config';
import { collectedMetric, type CollectedMetric, type MetricValue } from './collected-metric.js';

interface TlsCount {
  labels: Record<string, string>;
  value: number;
}

/** Traefik's help texts, word for word (`pkg/observability/metrics/prometheus.go`) */
const HELP: Readonly<Record<string, string>> = {
  traefik_entrypoint: 'How many HTTP requests with TLS processed on an entrypoint, partitioned by TLS Version and TLS cipher Used.',
  traefik_router: 'How many HTTP requests with TLS are processed on a router, partitioned by service, TLS Version, and TLS cipher Used.',
  traefik_service: 'How many HTTP requests with TLS processed on a service, partitioned by TLS version and TLS cipher.',
};

/** element name → second element name (or '') → version → cipher → count */
type Tree = Map<string, Map<string, Map<string, Map<string, TlsCount>>>>;

function child<V>(m: Map<string, Map<string, V>>, k: string): Map<string, V> {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = new Map()));
  return v;
}

/**
 * `<level>_requests_tls_total{tls_version, tls_cipher, <element labels>}`: one counter per TLS
 * request, found by Map lookups on the names (no key string built per request).
 */
export class TlsSeries {
  private readonly series: Tree = new Map();

  constructor(
    private readonly prefix: string,
    private readonly labelNames: readonly [string] | readonly [string, string],
  ) {}

  record(a: string, b: string, tls: RequestTls): void {
    const byCipher = child(child(child(this.series, a), b), tls.version);
    let c = byCipher.get(tls.cipher);
    if (c === undefined) byCipher.set(tls.cipher, (c = { labels: this.labelsOf(a, b, tls), value: 0 }));
    c.value += 1;
  }

  private labelsOf(a: string, b: string, tls: RequestTls): Record<string, string> {
    const labels: Record<string, string> = { tls_version: tls.version, tls_cipher: tls.cipher, [this.labelNames[0]]: a };
    if (this.labelNames[1] !== undefined) labels[this.labelNames[1]] = b;
    return labels;
  }

  metric(): CollectedMetric {
    const values = (): MetricValue[] => {
      const out: MetricValue[] = [];
      for (const byB of this.series.values())
        for (const byVersion of byB.values()) for (const byCipher of byVersion.values()) for (const c of byCipher.values()) out.push(c);
      return out;
    };
    const name = `${this.prefix}_requests_tls_total`;
    return collectedMetric(name, HELP[this.prefix] ?? 'How many HTTP requests with TLS processed.', 'counter', values, () => this.series.clear());
  }
}
