/**
 * The shape prom-client's Registry reads from a metric (`registerMetric` + `get()`), so series
 * kept in plain numbers on the hot path are only turned into label objects at scrape time.
 */
export interface MetricValue {
  labels: Record<string, string>;
  value: number;
  metricName?: string;
}

export interface CollectedMetric {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  aggregator: 'sum';
  get(): Promise<{ name: string; help: string; type: string; values: MetricValue[]; aggregator: 'sum' }>;
  reset(): void;
}

export function collectedMetric(
  name: string,
  help: string,
  type: CollectedMetric['type'],
  values: () => MetricValue[],
  reset: () => void = () => undefined,
): CollectedMetric {
  return {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, values: values(), aggregator: 'sum' }),
    reset,
  };
}
