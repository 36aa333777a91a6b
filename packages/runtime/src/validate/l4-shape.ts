/** Strict shape checks for the loosely typed `tcp:`/`udp:` trees (files and labels are hostile). */

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** `host:port` or `[v6]:port`, port 1–65535; returns null when invalid. */
export function parseHostPort(address: unknown): { host: string; port: number } | null {
  if (typeof address !== 'string') return null;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(address);
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  return { host: (m[1] ?? m[2])!, port };
}

/** The one type key of a service/middleware among `kinds` (case-insensitive); error text otherwise. */
export function oneKind<K extends string>(config: Record<string, unknown>, kinds: readonly K[]): { kind: K; options: unknown } | { error: 'none' | 'many' | string } {
  const found: Array<{ kind: K; options: unknown }> = [];
  for (const [key, options] of Object.entries(config)) {
    const kind = kinds.find((k) => k === key.toLowerCase());
    if (!kind) return { error: key };
    found.push({ kind, options });
  }
  if (found.length === 0) return { error: 'none' };
  if (found.length > 1) return { error: 'many' };
  return found[0]!;
}

/** Traefik's Messages for TCP/UDP elements (same wording so searches find answers). */
export const L4Messages = {
  noRule: () => 'router has no rule',
  noService: () => 'the service is missing on the router',
  noUdpService: () => 'the service is missing on the udp router',
  hostSniNeedsTls: (rule: string) => `invalid rule: "${rule}" , has HostSNI matcher, but no TLS on router`,
  badField: (field: string, expected: string) => `"${field}" must be ${expected}`,
  noType: (kinds: readonly string[]) => `the service has no type: set one of ${kinds.join(', ')}`,
  multiTypes: () => 'multi-types service not supported, consider declaring two different pieces of service instead',
  unknownType: (key: string) => `unknown type "${key}"`,
  badAddress: (address: unknown) => `invalid server address ${JSON.stringify(address)}: expected host:port`,
  noServers: () => 'no servers',
  childMissing: (name: string) => `the service "${name}" does not exist`,
  childDisabled: (name: string) => `the service "${name}" is disabled`,
  sourceRangeEmpty: () => 'sourceRange is empty, IPAllowLister not created',
  sourceRangeInvalid: (range: string) => `parsing CIDR allow list ${range}: not an IP address or CIDR`,
  amountInvalid: () => '"inFlightConn.amount" must be a positive integer',
  noUdpEntryPoint: () => 'no valid entryPoint for this udp router',
  healthPayloadTooLong: (key: string, max: number) => `Health check ${key} exceeds the maximum allowed size of ${max} bytes: ignored`,
  healthDurationDefault: (key: string) => `Health check ${key} smaller than zero, default value will be used instead`,
  udpShadowed: (winner: string, ep: string) => `Config has more than one udp router for a given entrypoint: ${ep} is served by ${winner}`,
};
