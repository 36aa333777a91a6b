import { isIP } from 'node:net';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { MetricsOptions, ServerStateLike } from './metrics-options.js';

/** The cold-path metrics: config reloads, server health, Docker events, and scrape-time gauges. */
export interface StateMetrics {
  onConfigReload(success: boolean): void;
  onServerState(change: ServerStateLike): void;
  onDockerEvent(action: string): void;
}

function scrapedGauges(registry: Registry, opts: MetricsOptions): void {
  const { openConnections, diagnostics, certificates } = opts;
  new Gauge({
    name: 'traefik_tls_certs_not_after',
    help: 'Certificate expiration timestamp',
    labelNames: ['cn', 'serial', 'sans'],
    registers: [registry],
    collect() {
      if (certificates === undefined) return;
      this.reset();
      // Traefik's appendCertMetric: `sans` joins the DNS names only (sorted), not the IP SANs
      for (const c of certificates()) {
        const sans = c.sans.filter((n) => isIP(n) === 0).join(',');
        this.set({ cn: c.commonName, serial: c.serialNumber, sans }, Math.floor(Date.parse(c.notAfter) / 1000));
      }
    },
  });
  new Gauge({
    name: 'traefik_open_connections',
    help: 'How many open connections exist, by entryPoint and protocol.',
    labelNames: ['entrypoint', 'protocol'],
    registers: [registry],
    collect() {
      if (openConnections === undefined) return;
      this.reset();
      for (const c of openConnections()) this.set({ entrypoint: c.entryPoint, protocol: c.protocol }, c.count);
    },
  });
  new Gauge({
    name: 'wharf_provider_diagnostics',
    help: 'Provider diagnostics (skipped or partly rejected labels, files, containers) by provider and severity.',
    labelNames: ['provider', 'severity'],
    registers: [registry],
    collect() {
      if (diagnostics === undefined) return;
      this.reset();
      for (const d of diagnostics()) this.inc({ provider: d.provider, severity: d.severity });
    },
  });
}

function serverUpGauge(registry: Registry, servers: MetricsOptions['servers']): Gauge {
  return new Gauge({
    name: 'traefik_service_server_up',
    help: 'service server is up, described by gauge value of 0 or 1.',
    labelNames: ['service', 'url'],
    registers: [registry],
    collect() {
      if (servers === undefined) return;
      this.reset();
      for (const s of servers()) this.set({ service: s.service, url: s.url }, s.state === 'UP' ? 1 : 0);
    },
  });
}

export function createStateMetrics(registry: Registry, opts: MetricsOptions): StateMetrics {
  const reloads = new Counter({ name: 'traefik_config_reloads_total', help: 'Config reloads.', registers: [registry] });
  const lastSuccess = new Gauge({
    name: 'traefik_config_last_reload_success',
    help: 'Last config reload success (Unix time, seconds).',
    registers: [registry],
  });
  const serverUp = serverUpGauge(registry, opts.servers);
  const dockerEvents = new Counter({
    name: 'wharf_docker_events_total',
    help: 'Docker events the provider received, by action.',
    labelNames: ['action'],
    registers: [registry],
  });
  scrapedGauges(registry, opts);
  return {
    onConfigReload(success) {
      reloads.inc();
      if (success) lastSuccess.set(Math.floor(Date.now() / 1000));
    },
    onServerState(change) {
      serverUp.set({ service: change.service, url: change.url }, change.state === 'UP' ? 1 : 0);
    },
    onDockerEvent(action) {
      dockerEvents.inc({ action });
    },
  };
}
