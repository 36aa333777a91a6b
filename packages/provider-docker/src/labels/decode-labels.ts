import { decodeL4Labels, type L4LabelSet } from './l4-labels.js';
import { decodeLabels, suggest, type LabelServiceConfig, type MiddlewareConfig, type RouterConfig, type ServiceConfig } from '@wharf/config';

/** The single server a label service declares (`loadbalancer.server.*`). */
interface LabelServer {
  port?: number;
  scheme?: string;
  url?: string;
  weight?: number;
  preservePath?: boolean;
}

export interface LabelService {
  config: ServiceConfig;
  server: LabelServer;
}

type ElementKind = 'router' | 'service' | 'middleware';

interface ElementIssue {
  /** the codec's stable code (`WHARF_CONFIG_UNKNOWN_KEY`, `WHARF_LABEL_IGNORED`, …) */
  code: string;
  key: string;
  message: string;
  /** a corrected key relative to the element, e.g. `loadbalancer.server.port` */
  suggestion?: string;
  element?: { kind: ElementKind; name: string };
  severity: 'error' | 'warning';
}

/**
 * What one label set declares (a container's labels; a Swarm service spec's labels later): the
 * HTTP elements, the provider keys, and every issue. Pure: knows nothing of containers or engines.
 */
export interface LabelSet {
  routers: Record<string, RouterConfig>;
  services: Record<string, LabelService>;
  middlewares: Record<string, MiddlewareConfig>;
  /** every HTTP element named in labels, valid or not (drives auto-creation and linking) */
  declared: { routers: Set<string>; services: Set<string> };
  /** keys of the TLS family (certificates/options come from files), reported as ignored */
  unsupported: string[];
  /** the TCP/UDP elements (`<prefix>.tcp.*`, `<prefix>.udp.*`) */
  l4: L4LabelSet;
  /** `<prefix>.enable`, `<prefix>.<provider>.network`, `<prefix>.<provider>.allownonrunning`, raw */
  provider: { enable?: string; network?: string; allowNonRunning?: string };
  issues: ElementIssue[];
}

const ROOTS = ['http', 'tcp', 'udp', 'tls', 'enable', 'docker', 'swarm'];
const SERVER_FIELDS = new Set(['port', 'scheme', 'url', 'weight', 'preservepath']);

/**
 * One label set through the shared codec (@wharf/config `decodeLabels`), plus the provider keys
 * of the `provider` family (`traefik.docker.network`; `traefik.swarm.network` for Swarm).
 */
export function decodeLabelSet(labels: Record<string, string>, prefix: string, provider = 'docker'): LabelSet {
  const decoded = decodeLabels(labels, prefix);
  const out: LabelSet = {
    routers: decoded.http.routers,
    services: Object.fromEntries(Object.entries(decoded.http.services).map(([name, s]) => [name, splitServer(s)])),
    middlewares: decoded.http.middlewares,
    declared: { routers: new Set(Object.keys(decoded.http.routers)), services: new Set(Object.keys(decoded.http.services)) },
    unsupported: [], l4: decodeL4Labels(labels, prefix), provider: readProviderLabels(labels, prefix, provider), issues: [],
  };
  for (const issue of decoded.issues) {
    const element = issue.element && issue.element.protocol === 'http' ? { kind: issue.element.kind, name: issue.element.name } : undefined;
    if (element?.kind === 'router') out.declared.routers.add(element.name);
    if (element?.kind === 'service') out.declared.services.add(element.name);
    if (issue.element && issue.element.protocol !== 'http') continue; // reported once as unsupported below
    out.issues.push({
      code: issue.code, key: issue.path, message: issue.message, severity: issue.severity,
      suggestion: suggestionFor(issue.path, issue.suggestion, element, prefix), element,
    });
  }
  const lowerPrefix = prefix.toLowerCase();
  out.unsupported = Object.keys(labels).filter((k) => /^tls[.[]/i.test(k.slice(lowerPrefix.length + 1)) && k.toLowerCase().startsWith(`${lowerPrefix}.`)).sort();
  return out;
}

/** `traefik.http.services.s.loadbalancer.server.prot` + `port` → `loadbalancer.server.port`; roots get `traefik.http`. */
function suggestionFor(key: string, suggestion: string | undefined, element: ElementIssue['element'], prefix: string): string | undefined {
  const rest = key.slice(prefix.length + 1);
  const parts = rest.split('.');
  if (!element) {
    const root = parts[0] ?? '';
    const near = suggest(root, ROOTS);
    if (near && near !== root.toLowerCase()) return `${prefix}.${near}`;
    return suggestion ? `${prefix}.${root.toLowerCase()}.${suggestion}` : undefined;
  }
  const relative = parts.slice(3);
  // the classic slip: `loadbalancer.port` for `loadbalancer.server.port`
  if (!suggestion && relative.length === 2 && relative[0]!.toLowerCase() === 'loadbalancer' && SERVER_FIELDS.has(relative[1]!.toLowerCase())) {
    return `loadbalancer.server.${relative[1]!.toLowerCase()}`;
  }
  if (!suggestion) return undefined;
  if (relative.length === 0) return suggestion;
  relative[relative.length - 1] = suggestion;
  return relative.join('.').toLowerCase();
}

function readProviderLabels(labels: Record<string, string>, prefix: string, provider: string): LabelSet['provider'] {
  const lower = new Map(Object.entries(labels).map(([k, v]) => [k.toLowerCase(), v]));
  const p = prefix.toLowerCase();
  return {
    enable: lower.get(`${p}.enable`),
    network: lower.get(`${p}.${provider}.network`),
    allowNonRunning: lower.get(`${p}.${provider}.allownonrunning`),
  };
}

function splitServer(config: LabelServiceConfig): LabelService {
  const { loadBalancer, ...rest } = config as LabelServiceConfig & { loadBalancer?: { server?: LabelServer } };
  if (!loadBalancer) {
    if (rest.weighted) return { config: rest as ServiceConfig, server: {} };
    return { config: { ...(rest as ServiceConfig), loadBalancer: {} }, server: {} };
  }
  const { server = {}, ...lb } = loadBalancer;
  return { config: { ...(rest as ServiceConfig), loadBalancer: lb as ServiceConfig['loadBalancer'] }, server };
}
