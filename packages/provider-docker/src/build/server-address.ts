import type { ContainerData } from './container-data.js';
import type { DiagnosticInput } from './diagnostics.js';
import { DockerDiagnosticCode as Code } from './diagnostics.js';

export interface AddressContext {
  /** the `<prefix>.<provider>.network` label family (`docker`) */
  provider: string;
  /** every listed container, to resolve `container:<id>` network modes */
  containers: readonly ContainerData[];
  /** `providers.docker.network` */
  providerNetwork: string;
  useBindPortIP: boolean;
  /** address used for `network_mode: host` containers */
  hostAddress: string;
  labelPrefix: string;
}

export interface ResolvedIP {
  ip?: string;
  issue?: DiagnosticInput;
}

/** Label port, else the lowest exposed/published port (tcp and udp mixed, as Traefik). */
export function resolvePort(container: ContainerData, labelPort: number | undefined): number | undefined {
  if (labelPort !== undefined) return labelPort;
  const ports = container.ports.map((p) => p.port).sort((a, b) => a - b);
  return ports[0];
}

/** Reference §1.4: label network > provider network > first; host and container: modes. */
export function resolveIP(container: ContainerData, labelNetwork: string | undefined, ctx: AddressContext, depth = 0): ResolvedIP {
  const mode = container.networkMode;
  if (mode === 'host') return { ip: ctx.hostAddress };
  if (mode.startsWith('container:') && depth < 4) {
    const ref = mode.slice('container:'.length);
    const linked = ctx.containers.find((c) => c.id.startsWith(ref) || c.name === ref);
    if (!linked) {
      return { issue: { code: Code.linkedContainerNotFound, severity: 'error', message: `network_mode "${mode}": container ${ref} not found` } };
    }
    return resolveIP(linked, linked.labels[`${ctx.labelPrefix}.${ctx.provider}.network`] ?? labelNetwork, ctx, depth + 1);
  }
  const names = Object.keys(container.networks);
  const wanted = labelNetwork || ctx.providerNetwork;
  let chosen = wanted && container.networks[wanted] ? wanted : undefined;
  let issue: DiagnosticInput | undefined;
  if (wanted && !chosen) {
    const prefixed = container.compose ? `${container.compose.project}_${wanted}` : undefined;
    const hint = prefixed && container.networks[prefixed] ? prefixed : undefined;
    chosen = hint ?? names.find((n) => addressOf(container, n));
    issue = networkIssue(wanted, names, hint, chosen, labelNetwork ? `${ctx.labelPrefix}.${ctx.provider}.network` : undefined);
  }
  chosen ??= names.find((n) => addressOf(container, n));
  const ip = chosen ? addressOf(container, chosen) : undefined;
  if (!ip) {
    return { issue: issue ?? { code: Code.noAddress, severity: 'error', message: `container has no IP address on ${names.length ? names.join(', ') : 'any network'}` } };
  }
  return { ip, issue };
}

function addressOf(container: ContainerData, network: string): string | undefined {
  const n = container.networks[network];
  if (!n) return undefined;
  if (n.ipv4) return n.ipv4;
  return n.ipv6 ? `[${n.ipv6}]` : undefined;
}

function networkIssue(wanted: string, names: string[], hint: string | undefined, used: string | undefined, key?: string): DiagnosticInput {
  const list = names.map((n) => `\`${n}\``).join(', ') || 'no network';
  const prefixHint = hint ? ' — did you forget the compose project prefix?' : '';
  return {
    code: Code.networkNotFound, severity: 'warning', key,
    message: `network \`${wanted}\` is not attached to this container; it is on ${list}${prefixHint}` +
      (used ? ` (using \`${used}\`)` : ''),
    suggestion: hint ?? names[0],
  };
}

/** `useBindPortIP`: the host binding of that port when its HostIP is a concrete address. */
export function bindAddress(container: ContainerData, port: number): string | undefined {
  const binding = container.ports.find((p) => p.port === port && p.hostIP && p.hostPort);
  if (!binding || binding.hostIP === '0.0.0.0' || binding.hostIP === '::') return undefined;
  const host = binding.hostIP!.includes(':') ? `[${binding.hostIP}]` : binding.hostIP;
  return `${host}:${binding.hostPort}`;
}
