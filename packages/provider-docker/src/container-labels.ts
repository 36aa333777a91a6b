import type { MiddlewareConfig, RouterConfig, ServiceConfig } from '@wharf/config';
import { decodeObject, type LabelIssue } from './label-decode.js';
import { routerFields, serviceFields, type Fields } from './label-fields.js';
import { findChild, firstKey, labelsToTree, type LabelNode } from './label-tree.js';
import { middlewareFields } from './middleware-fields.js';
import { closest } from './suggest.js';

/** The single server a label service declares (`loadbalancer.server.*`). */
export interface LabelServer {
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

export type ElementKind = 'router' | 'service' | 'middleware';

export interface ElementIssue extends LabelIssue {
  element?: { kind: ElementKind; name: string };
  severity: 'error' | 'warning';
}

export interface ContainerLabels {
  routers: Record<string, RouterConfig>;
  services: Record<string, LabelService>;
  middlewares: Record<string, MiddlewareConfig>;
  /** every HTTP element named in labels, valid or not (drives auto-creation) */
  declared: { routers: Set<string>; services: Set<string> };
  /** keys of TCP/UDP/TLS families, carried as diagnostics until those are routed */
  unsupported: string[];
  provider: { enable?: string; network?: string; allowNonRunning?: string };
  issues: ElementIssue[];
}

const ROOTS = ['http', 'tcp', 'udp', 'tls', 'enable', 'docker', 'swarm'];
const HTTP_KINDS = ['routers', 'services', 'middlewares'];

/** Decode one container's labels under `<prefix>.` into typed HTTP elements plus issues. */
export function decodeContainerLabels(labels: Record<string, string>, prefix: string): ContainerLabels {
  const tree = labelsToTree(labels, prefix);
  const out: ContainerLabels = {
    routers: {}, services: {}, middlewares: {},
    declared: { routers: new Set(), services: new Set() },
    unsupported: [], provider: {}, issues: [],
  };
  for (const [root, node] of tree.children) {
    const lower = root.toLowerCase();
    if (lower === 'http') decodeHttp(node, out, prefix);
    else if (lower === 'tcp' || lower === 'udp' || lower === 'tls') out.unsupported.push(...allKeys(node));
    else if (lower === 'enable') out.provider.enable = node.value;
    else if (lower === 'docker') decodeDockerLabels(node, out);
    else if (lower !== 'swarm') {
      const near = closest(root, ROOTS);
      out.issues.push({
        severity: 'warning', key: firstKey(node)!, suggestion: near ? `${prefix}.${near}` : undefined,
        message: `unknown label root \`${prefix}.${root}\` is ignored${near ? `; did you mean \`${prefix}.${near}\`?` : ''}`,
      });
    }
  }
  return out;
}

function decodeDockerLabels(node: LabelNode, out: ContainerLabels): void {
  out.provider.network = findChild(node, 'network')?.value;
  out.provider.allowNonRunning = findChild(node, 'allownonrunning')?.value;
}

function decodeHttp(node: LabelNode, out: ContainerLabels, prefix: string): void {
  for (const [kind, kindNode] of node.children) {
    const lower = kind.toLowerCase();
    if (!HTTP_KINDS.includes(lower)) {
      const near = closest(kind, HTTP_KINDS);
      out.issues.push({
        severity: 'error', key: firstKey(kindNode)!, suggestion: near ? `${prefix}.http.${near}` : undefined,
        message: `unknown label \`${prefix}.http.${kind}\`${near ? `; did you mean \`${prefix}.http.${near}\`?` : ''}`,
      });
      continue;
    }
    for (const [name, element] of kindNode.children) {
      if (lower === 'routers') decodeElement(out, 'router', name, element, routerFields);
      else if (lower === 'services') decodeElement(out, 'service', name, element, serviceFields);
      else decodeElement(out, 'middleware', name, element, middlewareFields);
    }
  }
}

function decodeElement(out: ContainerLabels, kind: ElementKind, name: string, node: LabelNode, table: Fields): void {
  if (kind === 'router') out.declared.routers.add(name);
  if (kind === 'service') out.declared.services.add(name);
  const issues: LabelIssue[] = [];
  if (name.includes('@')) issues.push({ key: firstKey(node)!, message: `${kind} name "${name}" must not contain "@"` });
  if (kind === 'middleware' && node.children.size !== 1) {
    issues.push({ key: firstKey(node)!, message: `middleware "${name}" must declare exactly one type` });
  }
  const value = decodeObject(node, table, [], { issues, root: table });
  if (issues.length > 0) {
    for (const issue of issues) out.issues.push({ ...issue, severity: 'error', element: { kind, name } });
    return;
  }
  if (kind === 'router') out.routers[name] = value as RouterConfig;
  else if (kind === 'middleware') out.middlewares[name] = value;
  else out.services[name] = splitServer(value as ServiceConfig & { loadBalancer?: { server?: LabelServer } });
}

function splitServer(config: ServiceConfig & { loadBalancer?: { server?: LabelServer } }): LabelService {
  if (!config.loadBalancer) {
    if (config.weighted) return { config, server: {} };
    return { config: { ...config, loadBalancer: {} }, server: {} };
  }
  const { server = {}, ...loadBalancer } = config.loadBalancer;
  return { config: { ...config, loadBalancer }, server };
}

function allKeys(node: LabelNode): string[] {
  const keys = node.key ? [node.key] : [];
  for (const child of node.children.values()) keys.push(...allKeys(child));
  return keys;
}
