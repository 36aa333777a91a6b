import type { Diagnostic, MiddlewareConfig, RouterConfig, ServerConfig, ServiceConfig, TcpConfiguration, UdpConfiguration } from '@wharf/config';
import { buildL4Fragment } from './l4-fragment.js';
import type { LabelService, LabelSet } from '../labels/decode-labels.js';
import { baseName } from './base-name.js';
import type { ContainerData } from './container-data.js';
import { linkRouters, withAutoRouter } from './router-defaults.js';
import { containerDiagnostic, DockerDiagnosticCode as Code, type DiagnosticInput } from './diagnostics.js';
import { bindAddress, resolveIP, resolvePort, type AddressContext } from './server-address.js';

/** One container's contribution before merging (Traefik: one configuration per container). */
export interface Fragment {
  container: string;
  routers: Record<string, RouterConfig>;
  services: Record<string, ServiceConfig>;
  middlewares: Record<string, MiddlewareConfig>;
  tcp?: TcpConfiguration;
  udp?: UdpConfiguration;
}

export interface FragmentContext extends AddressContext {
  defaultRule: string;
}

export interface FragmentResult {
  fragment?: Fragment;
  diagnostics: Diagnostic[];
}

/** Labels → routers/services/middlewares for one kept container, with its diagnostics. */
export function buildFragment(
  container: ContainerData, labels: LabelSet, emptyServers: boolean, ctx: FragmentContext,
): FragmentResult {
  const diagnostics: Diagnostic[] = [];
  const report = (input: DiagnosticInput): void => { diagnostics.push(containerDiagnostic(ctx.provider, container.name, input)); };
  reportLabelIssues(labels, ctx.labelPrefix, report);
  const base = baseName(container);
  const services = withAutoService(labels, base);
  const built: Record<string, ServiceConfig> = {};
  for (const [name, service] of Object.entries(services)) {
    const result = buildService(container, name, service, emptyServers, labels, ctx, report);
    if (result.issue) report(result.issue);
    if (result.skipContainer) return { diagnostics };
    if (result.service) built[name] = result.service;
  }
  const serviceNames = [...new Set([...labels.declared.services, ...Object.keys(services)])];
  const routers = withAutoRouter(labels, base, serviceNames, report);
  const linked = linkRouters(container, routers, serviceNames, base, ctx, report);
  const l4 = buildL4Fragment(labels.l4, base, emptyServers, (port) => l4Address(container, port, labels, ctx));
  for (const issue of l4.issues) report({ code: Code.l4Label, severity: issue.severity, message: issue.message, ...(issue.key ? { key: issue.key } : {}) });
  const fragment: Fragment = { container: container.name, routers: linked, services: built, middlewares: labels.middlewares };
  if (l4.tcp) fragment.tcp = l4.tcp;
  if (l4.udp) fragment.udp = l4.udp;
  return { fragment, diagnostics };
}

function reportLabelIssues(labels: LabelSet, prefix: string, report: (i: DiagnosticInput) => void): void {
  for (const issue of labels.issues) {
    const what = issue.element ? `; ${issue.element.kind} "${issue.element.name}" is rejected` : '';
    const hint = issue.suggestion && !issue.message.includes(issue.suggestion) ? ` (did you mean \`${issue.suggestion}\`?)` : '';
    report({ code: issue.code, severity: issue.severity, message: issue.message + what + hint, key: issue.key, suggestion: issue.suggestion, element: issue.element });
  }
  if (labels.unsupported.length > 0) {
    report({
      code: Code.unsupportedFamily, severity: 'warning', key: labels.unsupported[0],
      message: `${prefix}.tls labels are not supported (TLS certificates and options come from files) and are ignored: ${labels.unsupported.join(', ')}`,
    });
  }
}

const hasL4 = (l: LabelSet): boolean =>
  [l.l4.tcp.routers, l.l4.tcp.services, l.l4.tcp.middlewares, l.l4.udp.routers, l.l4.udp.services].some((r) => Object.keys(r).length > 0);

/** No HTTP service declared ⇒ one named after the container (unless TCP/UDP labels exist: Traefik). */
function withAutoService(labels: LabelSet, base: string): Record<string, LabelService> {
  const hasHttp = labels.declared.routers.size > 0 || Object.keys(labels.middlewares).length > 0;
  if (labels.declared.services.size > 0 || ((labels.unsupported.length > 0 || hasL4(labels)) && !hasHttp)) return labels.services;
  return { [base]: { config: { loadBalancer: {} }, server: {} } };
}

interface ServiceResult { service?: ServiceConfig; issue?: DiagnosticInput; skipContainer?: boolean }

function buildService(
  container: ContainerData, name: string, service: LabelService, emptyServers: boolean,
  labels: LabelSet, ctx: FragmentContext, report: (i: DiagnosticInput) => void,
): ServiceResult {
  const lb = service.config.loadBalancer;
  if (!lb) return { service: service.config };
  if (emptyServers) return { service: { ...service.config, loadBalancer: { ...lb, servers: [] } } };
  const element = { kind: 'service' as const, name };
  const { server } = service;
  if (server.url !== undefined && (server.port !== undefined || server.scheme !== undefined)) {
    return { issue: { code: Code.serverUrlConflict, severity: 'error', element, message: `service "${name}": defining scheme or port is not allowed when URL is defined` } };
  }
  const address = server.url ?? serverURL(container, name, server, labels, ctx, report);
  if (typeof address !== 'string') return address;
  const entry: ServerConfig = { url: address };
  if (server.weight !== undefined) entry.weight = server.weight;
  if (server.preservePath !== undefined) entry.preservePath = server.preservePath;
  return { service: { ...service.config, loadBalancer: { ...lb, servers: [entry] } } };
}

function serverURL(
  container: ContainerData, name: string, server: LabelService['server'],
  labels: LabelSet, ctx: FragmentContext, report: (i: DiagnosticInput) => void,
): string | ServiceResult {
  const port = resolvePort(container, server.port);
  const scheme = server.scheme ?? 'http';
  const key = `${ctx.labelPrefix}.http.services.${name}.loadbalancer.server.port`;
  if (port === undefined) {
    return { skipContainer: true, issue: {
      code: Code.noPort, severity: 'error', key, element: { kind: 'container', name: container.name },
      message: 'port is missing: the container exposes no port and has no port label; the container is skipped',
      suggestion: `${key}=<port>`,
    } };
  }
  const bound = ctx.useBindPortIP ? bindAddress(container, port) : undefined;
  if (bound) return `${scheme}://${bound}`;
  const ip = resolveIP(container, labels.provider.network, ctx);
  if (!ip.ip) return { skipContainer: true, issue: ip.issue };
  if (ip.issue) report(ip.issue);
  return `${scheme}://${ip.ip}:${port}`;
}

/** `ip:port` for a TCP/UDP server (bind port IP when asked, else the container's network IP). */
function l4Address(container: ContainerData, labelPort: number | undefined, labels: LabelSet, ctx: FragmentContext): string | undefined {
  const port = resolvePort(container, labelPort);
  if (port === undefined) return undefined;
  const bound = ctx.useBindPortIP ? bindAddress(container, port) : undefined;
  if (bound) return bound;
  const ip = resolveIP(container, labels.provider.network, ctx).ip;
  if (!ip) return undefined;
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
