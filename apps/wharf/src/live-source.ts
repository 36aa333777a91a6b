import type { RuntimeSource, TrafficSnapshot } from '@wharf/config';

interface TrafficFeed {
  subscribe(listener: (snapshot: TrafficSnapshot) => void): () => void;
}

/**
 * The API's view of the runtime plus live traffic: every events-stream subscriber also gets a
 * `traffic` event every few seconds. The recorder only builds snapshots while someone listens.
 */
export function withTrafficEvents(source: RuntimeSource, traffic: TrafficFeed): RuntimeSource {
  return {
    view: () => source.view(),
    explainMatch: (query) => source.explainMatch(query),
    ...(source.explainTcpMatch && { explainTcpMatch: source.explainTcpMatch }),
    providerStates: () => source.providerStates?.() ?? [],
    certificates: () => source.certificates?.() ?? [],
    traefikCertificates: () => source.traefikCertificates?.() ?? [],
    subscribe(listener) {
      const stopRuntime = source.subscribe(listener);
      const stopTraffic = traffic.subscribe((snapshot) => listener({ type: 'traffic', snapshot }));
      return () => {
        stopRuntime();
        stopTraffic();
      };
    },
  };
}
