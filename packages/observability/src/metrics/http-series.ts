import type { RequestRecord } from '@wharf/config';
import { collectedMetric, type CollectedMetric, type MetricValue } from './collected-metric.js';
import { labelKeyOf, labelsOfKey } from './request-labels.js';
import { TlsSeries } from './tls-series.js';

/** One label combination's running totals: plain numbers, updated in place. */
interface Series {
  labels: Record<string, string>;
  count: number;
  sum: number;
  requestBytes: number;
  responseBytes: number;
  /** per-bucket (non-cumulative) counts; the last slot is +Inf */
  buckets: Float64Array;
}

/**
 * The four Traefik metrics of one level (entrypoint, router or service): requests_total,
 * request_duration_seconds, requests_bytes_total, responses_bytes_total. Lookups go through
 * Maps keyed by the element names and a numeric code/method/protocol key.
 */
export class HttpSeriesFamily {
  private readonly series = new Map<string, Map<string, Map<number, Series>>>();
  private readonly bounds: readonly number[];
  private readonly tls: TlsSeries;

  constructor(
    private readonly prefix: string,
    private readonly labelNames: readonly [string] | readonly [string, string],
    buckets: readonly number[],
  ) {
    this.bounds = [...buckets].sort((a, b) => a - b);
    this.tls = new TlsSeries(prefix, labelNames);
  }

  record(a: string, b: string, r: RequestRecord): void {
    let byB = this.series.get(a);
    if (byB === undefined) this.series.set(a, (byB = new Map()));
    let byKey = byB.get(b);
    if (byKey === undefined) byB.set(b, (byKey = new Map()));
    const key = labelKeyOf(r);
    let s = byKey.get(key);
    if (s === undefined) byKey.set(key, (s = this.create(a, b, key)));
    const seconds = r.durationMs / 1000;
    s.count += 1;
    s.sum += seconds;
    s.requestBytes += r.requestBytes;
    s.responseBytes += r.responseBytes;
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]!) i++;
    s.buckets[i]! += 1;
    if (r.tls !== undefined) this.tls.record(a, b, r.tls);
  }

  private create(a: string, b: string, key: number): Series {
    const labels: Record<string, string> = { ...labelsOfKey(key), [this.labelNames[0]]: a };
    if (this.labelNames[1] !== undefined) labels[this.labelNames[1]] = b;
    return { labels, count: 0, sum: 0, requestBytes: 0, responseBytes: 0, buckets: new Float64Array(this.bounds.length + 1) };
  }

  private each(fn: (s: Series) => void): void {
    for (const byB of this.series.values()) for (const byKey of byB.values()) for (const s of byKey.values()) fn(s);
  }

  private histogram(): MetricValue[] {
    const name = `${this.prefix}_request_duration_seconds`;
    const out: MetricValue[] = [];
    this.each((s) => {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += s.buckets[i]!;
        out.push({ metricName: `${name}_bucket`, labels: { ...s.labels, le: String(le) }, value: cumulative });
      });
      out.push({ metricName: `${name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: s.count });
      out.push({ metricName: `${name}_sum`, labels: s.labels, value: s.sum });
      out.push({ metricName: `${name}_count`, labels: s.labels, value: s.count });
    });
    return out;
  }

  private counter(pick: (s: Series) => number): () => MetricValue[] {
    return () => {
      const out: MetricValue[] = [];
      this.each((s) => out.push({ labels: s.labels, value: pick(s) }));
      return out;
    };
  }

  metrics(level: string): CollectedMetric[] {
    const p = this.prefix;
    const reset = () => this.series.clear();
    const help = (what: string) => `${what} ${level}, partitioned by status code, protocol, and method.`;
    return [
      collectedMetric(`${p}_requests_total`, help('How many HTTP requests processed on'), 'counter', this.counter((s) => s.count), reset),
      collectedMetric(`${p}_request_duration_seconds`, help('How long it took to process the request on'), 'histogram', () => this.histogram(), reset),
      collectedMetric(`${p}_requests_bytes_total`, help('The total size of requests in bytes handled by'), 'counter', this.counter((s) => s.requestBytes), reset),
      collectedMetric(`${p}_responses_bytes_total`, help('The total size of responses in bytes handled by'), 'counter', this.counter((s) => s.responseBytes), reset),
      this.tls.metric(),
    ];
  }
}
