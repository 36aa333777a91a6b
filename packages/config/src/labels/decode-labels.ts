import type { Static, TSchema } from '@sinclair/typebox';
import { CONFIG_UNKNOWN_KEY, type DecodeIssue } from '../decode/decode-issue.js';
import { decodeTlsConfiguration } from '../schema/decode-tls.js';
import { decodeWithSchema } from '../decode/decode-with-schema.js';
import { suggest } from '../decode/suggest.js';
import type { RouterConfig } from '../model/http.js';
import type { TlsConfiguration } from '../model/tls.js';
import { RouterSchema } from '../schema/router.js';
import { LabelServiceSchema } from '../schema/service.js';
import { CONFIG_BAD_NAME, LABEL_MIDDLEWARE_TYPE, LABEL_URL_WITH_PORT, type LabelElementKind, type LabelIssue } from './label-issue.js';
import { labelsToTree, type LabelTree, type LabelTreeValue } from './label-tree.js';

/** A service as labels describe it: `loadBalancer.server` (singular) is resolved by the provider. */
export type LabelServiceConfig = Static<typeof LabelServiceSchema>;
export type LabelServerConfig = NonNullable<NonNullable<LabelServiceConfig['loadBalancer']>['server']>;
type Loose = Record<string, Record<string, unknown>>;

export interface DecodedLabels {
  http: {
    routers: Record<string, RouterConfig>;
    services: Record<string, LabelServiceConfig>;
    /** raw string trees under their type key as written (`{ stripprefix: { prefixes: '/a' } }`) */
    middlewares: Record<string, Record<string, unknown>>;
  };
  tcp: { routers: Loose; services: Loose; middlewares: Loose };
  udp: { routers: Loose; services: Loose };
  tls?: TlsConfiguration;
  issues: LabelIssue[];
}

const SECTIONS: Record<string, readonly string[]> = {
  http: ['routers', 'services', 'middlewares'],
  tcp: ['routers', 'services', 'middlewares'],
  udp: ['routers', 'services'],
};
const KIND: Record<string, LabelElementKind> = { routers: 'router', services: 'service', middlewares: 'middleware' };

function isTree(value: LabelTreeValue | undefined): value is LabelTree {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Second stage of label decoding: the label tree through the dynamic schemas, per element.
 * An element with any issue is dropped (and named in its issues); the others survive.
 */
export function decodeLabels(labels: Record<string, string>, prefix = 'traefik'): DecodedLabels {
  const { tree, issues, keys } = labelsToTree(labels, prefix);
  const out: DecodedLabels = {
    http: { routers: {}, services: {}, middlewares: {} },
    tcp: { routers: {}, services: {}, middlewares: {} },
    udp: { routers: {}, services: {} },
    issues,
  };
  const lowerKeys = new Map([...keys].map(([p, k]) => [p.toLowerCase(), k]));
  const labelKey = (path: string): string => keys.get(path) ?? lowerKeys.get(path.toLowerCase()) ?? `${prefix}.${path}`;
  for (const [protocol, sections] of Object.entries(SECTIONS)) {
    const branch = tree[protocol];
    if (branch === undefined) continue;
    if (!isTree(branch)) continue;
    for (const [section, elements] of Object.entries(branch)) {
      if (!sections.includes(section) || !isTree(elements)) {
        const suggestion = suggest(section, sections);
        const key = labelKey(`${protocol}.${section}`);
        issues.push({
          code: CONFIG_UNKNOWN_KEY,
          path: key,
          severity: 'error',
          message: `unknown label ${key}${suggestion ? `: did you mean ${prefix}.${protocol}.${suggestion}?` : ''}`,
          ...(suggestion ? { suggestion } : {}),
        });
        continue;
      }
      for (const [name, element] of Object.entries(elements)) {
        const path = `${protocol}.${section}.${name}`;
        const elementRef = { kind: KIND[section]!, name, protocol: protocol as 'http' | 'tcp' | 'udp' };
        const result = name.includes('@') ? badName(path, name) : decodeElement(protocol, section, element, path);
        const found = result.issues.map((i) => ({ ...i, path: labelKey(i.path), severity: 'error' as const, element: elementRef }));
        issues.push(...found);
        if (found.length === 0 && result.value !== undefined) {
          ((out as unknown as Record<string, Record<string, Record<string, unknown>>>)[protocol]![section]!)[name] = result.value;
        }
      }
    }
  }
  if (isTree(tree.tls)) {
    const tls = decodeTlsConfiguration(tree.tls, { path: 'tls' });
    issues.push(...tls.issues.map((i) => ({ ...i, path: labelKey(i.path), severity: 'error' as const })));
    if (tls.value) out.tls = tls.value;
  }
  return out;
}

function badName(path: string, name: string): { value?: unknown; issues: DecodeIssue[] } {
  return { issues: [{ code: CONFIG_BAD_NAME, path, message: `${path}: the name "${name}" must not contain "@" (reserved for name@provider)` }] };
}

function decodeElement(protocol: string, section: string, element: LabelTreeValue, path: string): { value?: unknown; issues: DecodeIssue[] } {
  if (protocol !== 'http') {
    if (isTree(element)) return { value: element, issues: [] };
    return { issues: [{ code: 'WHARF_CONFIG_BAD_VALUE', path, message: `${path} must have sub-keys` }] };
  }
  if (section === 'routers') return decodeAs(RouterSchema, element, path);
  if (section === 'services') return decodeService(element, path);
  return decodeMiddleware(element, path);
}

function decodeAs(schema: TSchema, element: LabelTreeValue, path: string): { value?: unknown; issues: DecodeIssue[] } {
  const { value, issues } = decodeWithSchema(schema, element, { path });
  return { value, issues };
}

function decodeService(element: LabelTreeValue, path: string): { value?: unknown; issues: DecodeIssue[] } {
  const { value, issues } = decodeWithSchema(LabelServiceSchema, element, { path });
  const server = value?.loadBalancer?.server;
  if (server?.url !== undefined && (server.port !== undefined || server.scheme !== undefined)) {
    const at = `${path}.loadbalancer.server.url`;
    issues.push({
      code: LABEL_URL_WITH_PORT,
      path: at,
      message: `${at}: defining scheme or port is not allowed when URL is defined`,
    });
  }
  return { value, issues };
}

function decodeMiddleware(element: LabelTreeValue, path: string): { value?: unknown; issues: DecodeIssue[] } {
  const types = isTree(element) ? Object.keys(element) : [];
  if (types.length !== 1) {
    const detail = types.length === 0 ? 'has no type (e.g. stripprefix.prefixes=/a)' : `defines several types (${types.join(', ')})`;
    return { issues: [{ code: LABEL_MIDDLEWARE_TYPE, path, message: `middleware ${path} ${detail}` }] };
  }
  return { value: element, issues: [] };
}
