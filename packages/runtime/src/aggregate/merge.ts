import { emptyDynamicConfig } from '@wharf/config';
import type { DynamicConfig, TlsConfiguration } from '@wharf/config';

function mergeInto<T>(target: Record<string, T>, source: Record<string, T> | undefined): void {
  // names are qualified, so providers never collide; within one provider the snapshot is one object
  for (const [name, value] of Object.entries(source ?? {})) target[name] ??= value;
}

function mergeTls(all: Array<TlsConfiguration | undefined>): TlsConfiguration | undefined {
  const present = all.filter((t): t is TlsConfiguration => t !== undefined);
  if (present.length === 0) return undefined;
  const out: TlsConfiguration = { certificates: [], options: {}, stores: {} };
  for (const t of present) {
    out.certificates!.push(...(t.certificates ?? []));
    mergeInto(out.options!, t.options);
    mergeInto(out.stores!, t.stores);
  }
  return out;
}

/** Merges qualified per-provider configs, in the given (provider precedence) order. */
export function mergeConfigs(configs: DynamicConfig[]): DynamicConfig {
  const out = emptyDynamicConfig();
  const tcp: NonNullable<DynamicConfig['tcp']> & Required<Pick<NonNullable<DynamicConfig['tcp']>, 'routers' | 'services' | 'middlewares'>> = { routers: {}, services: {}, middlewares: {} };
  const udp = { routers: {}, services: {} } as Required<NonNullable<DynamicConfig['udp']>>;
  let hasTcp = false;
  let hasUdp = false;
  for (const c of configs) {
    mergeInto(out.http.routers, c.http.routers);
    mergeInto(out.http.services, c.http.services);
    mergeInto(out.http.middlewares, c.http.middlewares);
    if (c.http.serversTransports) mergeInto((out.http.serversTransports ??= {}), c.http.serversTransports);
    if (c.tcp) {
      hasTcp = true;
      mergeInto(tcp.routers, c.tcp.routers);
      mergeInto(tcp.services, c.tcp.services);
      mergeInto(tcp.middlewares, c.tcp.middlewares);
      if (c.tcp.serversTransports) mergeInto((tcp.serversTransports ??= {}), c.tcp.serversTransports);
    }
    if (c.udp) {
      hasUdp = true;
      mergeInto(udp.routers, c.udp.routers);
      mergeInto(udp.services, c.udp.services);
    }
  }
  if (hasTcp) out.tcp = tcp;
  if (hasUdp) out.udp = udp;
  const tls = mergeTls(configs.map((c) => c.tls));
  if (tls) out.tls = tls;
  return out;
}
