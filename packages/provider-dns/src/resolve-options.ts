import { Type } from '@sinclair/typebox';
import { decodeWithSchema, parseDuration, type DecodeIssue, type Diagnostic } from '@wharf/config';
import { dnsDiagnostic, DnsDiagnosticCode } from './diagnostics.js';
import { hostnameProblem, queryTypeOf, type DnsQueryType } from './hostname.js';
import {
  DNS_PROVIDER_DEFAULTS, DnsProviderOptionsSchema, DnsServiceOptionsSchema, DnsTcpServiceOptionsSchema, MAX_SLOTS,
  type DnsLoadBalancerOptions, type DnsProviderOptions, type DnsServiceOptions, type DnsTcpLoadBalancerOptions, type DnsTcpServiceOptions,
} from './options.js';
import { parseNameserver, type NameserverAddress } from './resolver-address.js';

/** Hold periods in milliseconds (HAProxy `hold <status>`). */
export interface DnsHolds { valid: number; obsolete: number; nx: number; refused: number; timeout: number; other: number }

/** One service to discover, validated, durations in milliseconds. */
export interface ResolvedDnsService {
  /** the service name (`whoami` → `whoami@dns`) */
  service: string;
  /** the DNS name as configured */
  name: string;
  type: DnsQueryType;
  /** which model the servers feed: `http.services` (`services`) or `tcp.services` (`tcpServices`) */
  protocol: 'http' | 'tcp';
  /** A/AAAA: the servers' port; SRV answers carry their own */
  port: number;
  /** the slot cap (MAX_SLOTS when `slots` is absent) */
  slots: number;
  intervalMs: number;
  loadBalancer: DnsLoadBalancerOptions | DnsTcpLoadBalancerOptions;
}

export interface ResolvedDnsOptions {
  /** undefined: the nameservers of /etc/resolv.conf */
  resolvers?: NameserverAddress[];
  resolveRetries: number;
  timeoutMs: number;
  hold: DnsHolds;
  services: ResolvedDnsService[];
}

const PREFIX = 'providers.dns';
const GlobalSchema = Type.Omit(DnsProviderOptionsSchema, ['services', 'tcpServices']);
const MIN_INTERVAL_MS = 100;
const MIN_TIMEOUT_MS = 10;

/**
 * Validates `providers.dns` (from the static configuration or a caller) into milliseconds and
 * parsed nameservers. Never throws: a bad global option falls back to its default, a bad service
 * is left out, each with a diagnostic naming the key.
 */
export function resolveDnsOptions(input: unknown): { options: ResolvedDnsOptions; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const raw = input === true || input === undefined || input === null ? {} : input;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    diagnostics.push(optionDiagnostic(PREFIX, `${PREFIX} must be an object; using the defaults`));
  }
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const servicesKey = Object.keys(record).find((k) => k.toLowerCase() === 'services');
  const tcpKey = Object.keys(record).find((k) => k.toLowerCase() === 'tcpservices');
  const { [servicesKey ?? 'services']: servicesInput, [tcpKey ?? 'tcpServices']: tcpInput, ...globalInput } = record;
  const global = decodeDroppingBadKeys(globalInput, diagnostics);
  const timeoutMs = durationMs(global.timeout, `${PREFIX}.timeout`, DNS_PROVIDER_DEFAULTS.timeout, diagnostics, MIN_TIMEOUT_MS);
  const hold = Object.fromEntries(
    (Object.keys(DNS_PROVIDER_DEFAULTS.hold) as Array<keyof DnsHolds>).map((k) => [
      k, durationMs(global.hold[k], `${PREFIX}.hold.${k}`, DNS_PROVIDER_DEFAULTS.hold[k], diagnostics, 0),
    ]),
  ) as unknown as DnsHolds;
  const options: ResolvedDnsOptions = {
    resolveRetries: global.resolveRetries,
    timeoutMs,
    hold,
    services: [...resolveServices(servicesInput, diagnostics, 'http'), ...resolveServices(tcpInput, diagnostics, 'tcp')],
  };
  if (global.resolvers !== undefined) options.resolvers = resolveNameservers(global.resolvers, `${PREFIX}.resolvers`, diagnostics);
  return { options, diagnostics };
}

/** Parses nameserver texts; bad ones are left out with a diagnostic naming their index. */
export function resolveNameservers(texts: readonly string[], path: string, diagnostics: Diagnostic[]): NameserverAddress[] {
  const out: NameserverAddress[] = [];
  texts.forEach((text, i) => {
    const parsed = parseNameserver(text);
    if (typeof parsed === 'string') {
      diagnostics.push(dnsDiagnostic(`${path}[${i}]`, { code: DnsDiagnosticCode.badResolver, severity: 'error', key: `${path}[${i}]`, message: `nameserver "${text}" ${parsed}; it is not used` }));
    } else if (!out.some((o) => o.server === parsed.server)) {
      out.push(parsed);
    }
  });
  return out;
}

function decodeDroppingBadKeys(input: Record<string, unknown>, diagnostics: Diagnostic[]): Omit<DnsProviderOptions, 'services' | 'tcpServices'> {
  let current: unknown = structuredClone(input);
  for (let round = 0; round < 4; round++) {
    const decoded = decodeWithSchema(GlobalSchema, current, { path: PREFIX });
    if (decoded.value) return decoded.value as Omit<DnsProviderOptions, 'services' | 'tcpServices'>;
    for (const issue of decoded.issues) {
      diagnostics.push(issueDiagnostic(issue, 'the default is used'));
      current = withoutPath(current, issue.path.slice(PREFIX.length + 1));
    }
  }
  return decodeWithSchema(GlobalSchema, {}).value as Omit<DnsProviderOptions, 'services' | 'tcpServices'>;
}

const SECTIONS = { http: 'services', tcp: 'tcpServices' } as const;

function resolveServices(input: unknown, diagnostics: Diagnostic[], protocol: 'http' | 'tcp'): ResolvedDnsService[] {
  const section = `${PREFIX}.${SECTIONS[protocol]}`;
  if (input === undefined || input === null) return [];
  if (typeof input !== 'object' || Array.isArray(input)) {
    diagnostics.push(optionDiagnostic(section, `${section} must map service names to {name, port, …}; no service is discovered`));
    return [];
  }
  const out: ResolvedDnsService[] = [];
  for (const [service, value] of Object.entries(input as Record<string, unknown>)) {
    const resolved = resolveService(service, value, diagnostics, protocol);
    if (resolved) out.push(resolved);
  }
  return out;
}

function resolveService(service: string, value: unknown, diagnostics: Diagnostic[], protocol: 'http' | 'tcp'): ResolvedDnsService | undefined {
  const path = `${PREFIX}.${SECTIONS[protocol]}.${service}`;
  if (service === '' || service.includes('@')) {
    diagnostics.push(optionDiagnostic(path, `service name "${service}" must be non-empty and without "@" (it becomes "${service}@dns"); the service is skipped`));
    return undefined;
  }
  const decoded = protocol === 'tcp'
    ? decodeWithSchema(DnsTcpServiceOptionsSchema, value, { path })
    : decodeWithSchema(DnsServiceOptionsSchema, value, { path });
  if (!decoded.value) {
    for (const issue of decoded.issues) diagnostics.push(issueDiagnostic(issue, 'the service is skipped', service));
    return undefined;
  }
  const options: DnsServiceOptions | DnsTcpServiceOptions = decoded.value;
  const problem = hostnameProblem(options.name);
  if (problem) {
    diagnostics.push(dnsDiagnostic(`${path}.name`, { code: DnsDiagnosticCode.badName, severity: 'error', key: `${path}.name`, service, message: `"${options.name}" ${problem}; the service is skipped` }));
    return undefined;
  }
  const type = queryTypeOf(options.name);
  if (type === 'A/AAAA' && options.port === undefined) {
    diagnostics.push(optionDiagnostic(`${path}.port`, `${path}.port is required for the A/AAAA name "${options.name}" (only SRV answers carry a port); the service is skipped`, service));
    return undefined;
  }
  if (type === 'SRV' && options.port !== undefined) {
    diagnostics.push(dnsDiagnostic(`${path}.port`, { code: DnsDiagnosticCode.options, severity: 'warning', key: `${path}.port`, service, message: `${path}.port is ignored: SRV answers for "${options.name}" carry their own port` }));
  }
  const before = diagnostics.length;
  const intervalMs = durationMs(options.interval, `${path}.interval`, undefined, diagnostics, MIN_INTERVAL_MS, service);
  if (diagnostics.length > before) return undefined;
  return {
    service, name: options.name, type, protocol, port: type === 'SRV' ? 0 : options.port!, slots: options.slots ?? MAX_SLOTS,
    intervalMs, loadBalancer: options.loadBalancer ?? {},
  };
}

/** Milliseconds of a duration option; a bad one gets the fallback (or, without one, only the diagnostic). */
function durationMs(value: string | number, path: string, fallback: string | undefined, diagnostics: Diagnostic[], minMs: number, service?: string): number {
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch {
    ms = Number.NaN;
  }
  if (Number.isFinite(ms) && ms >= minMs) return ms;
  const floor = minMs > 0 ? `at least ${minMs}ms` : 'zero or more';
  const then = fallback === undefined ? 'the service is skipped' : `using ${fallback}`;
  diagnostics.push(optionDiagnostic(path, `${path} is ${JSON.stringify(value)}; it must be a duration of ${floor}; ${then}`, service));
  return fallback === undefined ? Number.NaN : parseDuration(fallback);
}

function optionDiagnostic(key: string, message: string, service?: string): Diagnostic {
  return dnsDiagnostic(key, { code: DnsDiagnosticCode.options, severity: 'error', key, message, ...(service ? { service } : {}) });
}

function issueDiagnostic(issue: DecodeIssue, then: string, service?: string): Diagnostic {
  return dnsDiagnostic(issue.path, {
    code: DnsDiagnosticCode.options, severity: 'error', key: issue.path, message: `${issue.message}; ${then}`,
    ...(issue.suggestion ? { suggestion: issue.suggestion } : {}), ...(service ? { service } : {}),
  });
}

/** A copy of `value` without the element at a dotted path (`hold.nx`, `resolvers[1]`). */
function withoutPath(value: unknown, path: string): unknown {
  const steps = path.split(/\.|(?=\[)/).filter(Boolean);
  const root = structuredClone(value) as Record<string, unknown>;
  let node: unknown = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const index = /^\[(\d+)\]$/.exec(step);
    const key: string | number = index ? Number(index[1]) : step;
    if (node === null || typeof node !== 'object') return root;
    const container = node as Record<string | number, unknown>;
    if (i === steps.length - 1) {
      if (Array.isArray(container) && typeof key === 'number') container.splice(key, 1);
      else delete container[key];
      return root;
    }
    node = container[key];
  }
  return steps.length === 0 ? {} : root;
}
