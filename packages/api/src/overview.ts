import { serviceHealthState, type RuntimeView, type ServiceHealth, type ServiceInfo, type TraefikCertificate } from '@wharf/config';

export interface SectionCounts {
  total: number;
  warnings: number;
  errors: number;
}

export interface Overview {
  http: { routers: SectionCounts; services: SectionCounts; middlewares: SectionCounts };
  tcp: { routers: SectionCounts; services: SectionCounts; middlewares: SectionCounts };
  udp: { routers: SectionCounts; services: SectionCounts };
  /** Traefik 3.7: warnings = expiring within 30 days, errors = expired */
  certificates: SectionCounts;
  features: RuntimeView['features'];
  providers: string[];
}

export type HealthCounts = Record<ServiceHealth, number>;

export interface WharfOverview extends Overview {
  generation: number;
  appliedAt: string;
  /** HTTP services by live health */
  health: HealthCounts;
  /** HTTP services counted by effective status: config status worsened by health (down → error) */
  effectiveServices: SectionCounts;
  diagnostics: { total: number; errors: number; warnings: number };
}

function statusOf(item: unknown): string {
  return typeof item === 'object' && item !== null ? String((item as { status?: unknown }).status ?? '') : '';
}

function countSection(items: Record<string, unknown>): SectionCounts {
  const all = Object.values(items);
  return {
    total: all.length,
    warnings: all.filter((i) => statusOf(i) === 'warning').length,
    errors: all.filter((i) => statusOf(i) === 'disabled').length,
  };
}

/** Provider names as Traefik shows them: Title-case, internal omitted. */
export function providerTitles(providers: string[]): string[] {
  return providers.filter((p) => p !== 'internal').map((p) => (p.startsWith('plugin-') ? p : p.charAt(0).toUpperCase() + p.slice(1)));
}

/** Traefik's `getCertificatesSection`: warnings = less than 30 days left, errors = expired (the items' `status`). */
function countCertificates(all: TraefikCertificate[]): SectionCounts {
  return {
    total: all.length,
    warnings: all.filter((c) => c.status === 'warning').length,
    errors: all.filter((c) => c.status === 'expired').length,
  };
}

export function buildOverview(view: RuntimeView, certificates: TraefikCertificate[] = []): Overview {
  return {
    http: { routers: countSection(view.routers), services: countSection(view.services), middlewares: countSection(view.middlewares) },
    tcp: {
      routers: countSection(view.tcpRouters),
      services: countSection(view.tcpServices),
      middlewares: countSection(view.tcpMiddlewares),
    },
    udp: { routers: countSection(view.udpRouters), services: countSection(view.udpServices) },
    certificates: countCertificates(certificates),
    features: view.features,
    providers: providerTitles(view.providers),
  };
}

/** A service's status as users mean it: all servers DOWN is an error, some DOWN a warning. */
export function effectiveServiceStatus(service: ServiceInfo): ServiceInfo['status'] {
  const health = serviceHealthState(service);
  if (service.status === 'disabled' || health === 'down') return 'disabled';
  if (service.status === 'warning' || health === 'degraded') return 'warning';
  return 'enabled';
}

export function buildWharfOverview(view: RuntimeView, certificates: TraefikCertificate[] = []): WharfOverview {
  const health: HealthCounts = { healthy: 0, degraded: 0, down: 0, unknown: 0 };
  const effective: SectionCounts = { total: 0, warnings: 0, errors: 0 };
  for (const service of Object.values(view.services)) {
    health[serviceHealthState(service)] += 1;
    const status = effectiveServiceStatus(service);
    effective.total += 1;
    if (status === 'warning') effective.warnings += 1;
    if (status === 'disabled') effective.errors += 1;
  }
  const diags = view.diagnostics;
  return {
    ...buildOverview(view, certificates),
    generation: view.generation,
    appliedAt: view.appliedAt,
    health,
    effectiveServices: effective,
    diagnostics: {
      total: diags.length,
      errors: diags.filter((d) => d.severity === 'error').length,
      warnings: diags.filter((d) => d.severity === 'warning').length,
    },
  };
}
