import type { Static } from '@sinclair/typebox';
import { decodeWithSchema, isWharfError, parseIpRange } from '@wharf/config';
import { parseAddress, type EntryPointAddress } from './address.js';
import { EntryPointSchema } from './entry-point-schema.js';
import type { StaticConfigProblem } from './errors.js';
import type { StaticConfigSchema } from './schema.js';

export type StaticConfigInput = Static<typeof StaticConfigSchema>;
type EntryPointConfig = Static<typeof EntryPointSchema>;

export interface ResolvedEntryPoint extends EntryPointConfig {
  name: string;
  parsedAddress: EntryPointAddress;
  /** true for the `traefik` entrypoint wharf created for api/ping/metrics */
  internal: boolean;
}

/** The validated, defaulted static configuration (deep-frozen by `loadStaticConfig`). */
export interface StaticConfigData extends Omit<StaticConfigInput, 'entryPoints' | 'configFile'> {
  entryPoints: Record<string, ResolvedEntryPoint>;
  /** the static configuration file that was read, if any */
  configFile?: string;
  /** Traefik options wharf does not implement and ignored: where each was written, what is missing */
  ignoredOptions?: Array<{ where: string; reason: string }>;
}

const DEFAULT_ENTRYPOINT = { name: 'web', address: ':80' } as const;
const INTERNAL_ENTRYPOINT = { name: 'traefik', address: ':8080' } as const;

function defaultEntryPoint(address: string): EntryPointConfig {
  return decodeWithSchema(EntryPointSchema, { address }).value!;
}

/** Entrypoint defaults, addresses, the internal `traefik` entrypoint and cross-field rules. */
export function resolveStatic(input: StaticConfigInput, originOf: (path: string) => string): { config: StaticConfigData; problems: StaticConfigProblem[] } {
  const problems: StaticConfigProblem[] = [];
  const declared = { ...(input.entryPoints ?? {}) };
  if (Object.keys(declared).length === 0) declared[DEFAULT_ENTRYPOINT.name] = defaultEntryPoint(DEFAULT_ENTRYPOINT.address);
  const internalUsers = [
    input.api?.insecure ? 'api.insecure' : undefined,
    input.ping?.entryPoint === INTERNAL_ENTRYPOINT.name ? 'ping' : undefined,
    input.metrics.prometheus?.entryPoint === INTERNAL_ENTRYPOINT.name ? 'metrics.prometheus' : undefined,
  ].filter((x) => x !== undefined);
  const addInternal = internalUsers.length > 0 && declared[INTERNAL_ENTRYPOINT.name] === undefined;
  if (addInternal) declared[INTERNAL_ENTRYPOINT.name] = defaultEntryPoint(INTERNAL_ENTRYPOINT.address);
  const entryPoints: Record<string, ResolvedEntryPoint> = {};
  for (const [name, ep] of Object.entries(declared)) {
    try {
      entryPoints[name] = { ...ep, name, parsedAddress: parseAddress(ep.address), internal: addInternal && name === INTERNAL_ENTRYPOINT.name };
    } catch (err) {
      if (!isWharfError(err)) throw err;
      const origin = originOf(`entryPoints.${name}.address`);
      problems.push({ origin, code: err.code, message: `${origin}: ${err.message}` });
    }
  }
  checkAddressConflicts(entryPoints, originOf, problems);
  checkTrustedIPs(entryPoints, originOf, problems);
  checkReferences(input, entryPoints, originOf, problems);
  const { entryPoints: _ignored, configFile: _file, ...rest } = input;
  return { config: { ...rest, entryPoints }, problems };
}

/** Two entrypoints on the same port and protocol (same host, or one on all interfaces) cannot both bind. */
function checkAddressConflicts(
  entryPoints: Record<string, ResolvedEntryPoint>,
  originOf: (path: string) => string,
  problems: StaticConfigProblem[],
): void {
  const seen: ResolvedEntryPoint[] = [];
  for (const ep of Object.values(entryPoints)) {
    const a = ep.parsedAddress;
    const other = seen.find((o) => {
      const b = o.parsedAddress;
      return a.port !== 0 && a.port === b.port && a.protocol === b.protocol && (a.host === b.host || !a.host || !b.host);
    });
    seen.push(ep);
    if (!other) continue;
    const origin = originOf(`entryPoints.${ep.name}.address`);
    problems.push({
      origin,
      code: 'WHARF_STATIC_ADDRESS_CONFLICT',
      message: `${origin}: entrypoints "${other.name}" (${other.address}) and "${ep.name}" (${ep.address}) cannot both listen on port ${a.port}/${a.protocol}`,
    });
  }
}

/** `forwardedHeaders.trustedIPs` and `proxyProtocol.trustedIPs`: every entry an IP or a CIDR (Go's net.ParseCIDR / ParseIP). */
function checkTrustedIPs(entryPoints: Record<string, ResolvedEntryPoint>, originOf: (path: string) => string, problems: StaticConfigProblem[]): void {
  for (const ep of Object.values(entryPoints)) {
    for (const [key, list] of [['forwardedHeaders', ep.forwardedHeaders.trustedIPs], ['proxyProtocol', ep.proxyProtocol?.trustedIPs ?? []]] as const) {
      list.forEach((entry, i) => {
        if (parseIpRange(entry.trim()) !== null) return;
        const origin = originOf(`entryPoints.${ep.name}.${key}.trustedIPs`);
        const shown = JSON.stringify(entry.length > 60 ? `${entry.slice(0, 60)}…` : entry);
        problems.push({ origin, code: 'WHARF_STATIC_BAD_IP_RANGE', message: `${origin}: entry ${i + 1}, ${shown}, is not an IP address or CIDR (1.2.3.4, 10.0.0.0/8, 2001:db8::/32)` });
      });
    }
  }
}

function checkReferences(
  input: StaticConfigInput,
  entryPoints: Record<string, ResolvedEntryPoint>,
  originOf: (path: string) => string,
  problems: StaticConfigProblem[],
): void {
  const refs: Array<[string, string | undefined]> = [
    ['ping.entryPoint', input.ping?.entryPoint],
    ['metrics.prometheus.entryPoint', input.metrics.prometheus?.entryPoint],
  ];
  for (const [path, name] of refs) {
    if (name === undefined || entryPoints[name] !== undefined) continue;
    const origin = originOf(path);
    problems.push({ origin, code: 'WHARF_STATIC_UNKNOWN_ENTRYPOINT', message: `${origin}: ${path} names entrypoint "${name}", which is not defined (${Object.keys(entryPoints).join(', ')})` });
  }
  const file = input.providers.file;
  if (file && (file.filename === undefined) === (file.directory === undefined)) {
    const origin = originOf('providers.file');
    const why = file.filename === undefined ? 'set providers.file.filename or providers.file.directory' : 'providers.file.filename and providers.file.directory are mutually exclusive';
    problems.push({ origin, code: 'WHARF_STATIC_FILE_PROVIDER', message: `${origin}: ${why}` });
  }
  if (input.api && !input.api.basePath.startsWith('/')) {
    const origin = originOf('api.basePath');
    problems.push({ origin, code: 'WHARF_STATIC_BAD_BASE_PATH', message: `${origin}: api.basePath must start with "/"` });
  }
}
