export {
  DnsProviderOptionsSchema, DnsServiceOptionsSchema, DnsHoldSchema, DnsLoadBalancerSchema, DNS_PROVIDER_DEFAULTS, MAX_SLOTS,
} from './options.js';
export type { DnsProviderOptions, DnsProviderOptionsInput, DnsServiceOptions, DnsHoldOptions, DnsLoadBalancerOptions, DnsTcpServiceOptions, DnsTcpLoadBalancerOptions } from './options.js';
export { createDnsProvider } from './provider.js';
export type { DnsProvider, DnsProviderDeps } from './provider.js';
export type { DnsProviderStatus, DnsServiceStatus, DnsSlotStatus } from './status.js';
export { resolveDnsOptions } from './resolve-options.js';
export type { ResolvedDnsOptions, ResolvedDnsService, DnsHolds } from './resolve-options.js';
export { applyAnswer, applyFailure, expire, nextExpiry, servingSlots, holdUntil, initialServiceState } from './slot-table.js';
export type { ServiceState, Slot, SlotPolicy } from './slot-table.js';
export { buildConfig, httpService, tcpService } from './build-config.js';
export type { DnsServiceView } from './build-config.js';
export type { DnsAnswer, DnsRecord, DnsFailure, DnsFailureStatus, DnsStatus } from './dns-data.js';
export type { DnsClient } from './dns-client.js';
export { createAresClient } from './dns-client.js';
export { DnsDiagnosticCode } from './diagnostics.js';
export { DnsNoResolversError } from './errors.js';
