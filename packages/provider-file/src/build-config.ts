import type { TSchema } from '@sinclair/typebox';
import {
  decodeTlsConfiguration,
  decodeWithSchema,
  emptyDynamicConfig,
  MiddlewareSpecSchema,
  RouterSchema,
  ServersTransportSchema,
  ServiceSchema,
  suggest,
  type DecodeIssue,
  type Diagnostic,
  type DynamicConfig,
  type ProviderSnapshot,
} from '@wharf/config';
import type { ParsedFile } from './parsed-file.js';
import { sourceOf } from './source.js';

type ElementKind = 'router' | 'service' | 'middleware';
const LOOSE: TSchema = { type: 'object', additionalProperties: true } as unknown as TSchema;
const SECTIONS: Record<string, Record<string, { schema: TSchema; kind?: ElementKind }>> = {
  http: {
    routers: { schema: RouterSchema, kind: 'router' },
    services: { schema: ServiceSchema, kind: 'service' },
    middlewares: { schema: MiddlewareSpecSchema, kind: 'middleware' },
    serversTransports: { schema: ServersTransportSchema },
  },
  tcp: { routers: { schema: LOOSE }, services: { schema: LOOSE }, middlewares: { schema: LOOSE }, serversTransports: { schema: LOOSE } },
  udp: { routers: { schema: LOOSE }, services: { schema: LOOSE } },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function matchKey(key: string, candidates: string[]): string | undefined {
  return candidates.find((c) => c.toLowerCase() === key.toLowerCase());
}

/**
 * Pure: parsed files (in priority order) → one snapshot; the first definition of a name wins.
 * Top-level `x-*` keys are ignored (compose-style extension fields holding YAML anchors).
 */
export function buildConfig(files: ParsedFile[], extra: Diagnostic[] = []): ProviderSnapshot {
  const config: DynamicConfig = emptyDynamicConfig();
  const diagnostics: Diagnostic[] = [...extra];
  const origin = new Map<string, string>();
  for (const file of files) {
    const report = (issue: DecodeIssue, steps: Array<string | number>, element?: Diagnostic['element']): void => {
      diagnostics.push(toDiagnostic(file, issue, steps, element));
    };
    if (!isRecord(file.data)) {
      if (file.data !== undefined && file.data !== null) {
        report({ code: 'WHARF_CONFIG_BAD_VALUE', path: '', message: 'the file must contain a mapping at the top level' }, []);
      }
      continue;
    }
    for (const [rootKey, section] of Object.entries(file.data)) {
      if (rootKey.toLowerCase().startsWith('x-')) continue; // compose-style extension keys, for YAML anchors
      const root = matchKey(rootKey, [...Object.keys(SECTIONS), 'tls']);
      if (root === undefined) {
        unknown(report, rootKey, [...Object.keys(SECTIONS), 'tls'], [rootKey]);
      } else if (root === 'tls') {
        mergeTls(config, file, rootKey, section, report);
      } else if (section !== null && section !== undefined) {
        mergeProtocol(config, origin, file, root, rootKey, section, report);
      }
    }
  }
  return { config, diagnostics };
}

type Report = (issue: DecodeIssue, steps: Array<string | number>, element?: Diagnostic['element']) => void;

function unknown(report: Report, key: string, candidates: string[], steps: string[]): void {
  const suggestion = suggest(key, candidates);
  const path = steps.join('.');
  report(
    { code: 'WHARF_CONFIG_UNKNOWN_KEY', path, message: `unknown key ${path}${suggestion ? `: did you mean "${suggestion}"?` : ''}`, ...(suggestion ? { suggestion } : {}) },
    steps,
  );
}

function mergeProtocol(
  config: DynamicConfig,
  origin: Map<string, string>,
  file: ParsedFile,
  root: string,
  rootKey: string,
  section: unknown,
  report: Report,
): void {
  const sections = SECTIONS[root]!;
  if (!isRecord(section)) {
    report({ code: 'WHARF_CONFIG_BAD_VALUE', path: rootKey, message: `${rootKey}: expected an object` }, [rootKey]);
    return;
  }
  const target = ((config as unknown as Record<string, Record<string, Record<string, unknown>>>)[root] ??= {});
  for (const [sectionKey, elements] of Object.entries(section)) {
    const name = matchKey(sectionKey, Object.keys(sections));
    if (name === undefined) {
      unknown(report, sectionKey, Object.keys(sections), [rootKey, sectionKey]);
      continue;
    }
    if (elements === null || elements === undefined) continue;
    if (!isRecord(elements)) {
      const path = `${rootKey}.${sectionKey}`;
      report({ code: 'WHARF_CONFIG_BAD_VALUE', path, message: `${path}: expected an object of named elements` }, [rootKey, sectionKey]);
      continue;
    }
    const bucket = (target[name] ??= {});
    for (const [elementName, raw] of Object.entries(elements)) {
      mergeElement({ file, origin, report, bucket, root, name, sectionKey: `${rootKey}.${sectionKey}`, spec: sections[name]! }, elementName, raw);
    }
  }
}

interface SectionTarget {
  file: ParsedFile;
  origin: Map<string, string>;
  report: Report;
  bucket: Record<string, unknown>;
  root: string;
  name: string;
  /** the section as the user spelt it (`http.routers`) */
  sectionKey: string;
  spec: { schema: TSchema; kind?: ElementKind };
}

/** One named element: name check, first-wins merge, schema decode; dropped on any issue. */
function mergeElement(t: SectionTarget, elementName: string, raw: unknown): void {
  const steps = [...t.sectionKey.split('.'), elementName];
  const element = t.spec.kind ? { kind: t.spec.kind, name: elementName } : undefined;
  const path = `${t.sectionKey}.${elementName}`;
  const id = `${t.root}.${t.name}.${elementName}`;
  if (elementName.includes('@')) {
    const message = `${path}: the name "${elementName}" must not contain "@" (reserved for name@provider)`;
    t.report({ code: 'WHARF_CONFIG_BAD_NAME', path, message }, steps, element);
    return;
  }
  const first = t.origin.get(id);
  if (first !== undefined) {
    const message = `${t.root} ${t.name} "${elementName}" is defined in ${first} and ${t.file.path}: the first definition wins`;
    t.report({ code: 'WHARF_FILE_DUPLICATE', path, message }, steps, element);
    return;
  }
  const { value, issues } = decodeWithSchema(t.spec.schema, raw, { path });
  for (const issue of issues) t.report(issue, [...steps, ...stepsAfter(issue.path, path)], element);
  if (value === undefined) return;
  t.origin.set(id, t.file.path);
  t.bucket[elementName] = value;
}

function mergeTls(config: DynamicConfig, file: ParsedFile, rootKey: string, section: unknown, report: Report): void {
  // per element: a bad certificate, option set or store is dropped, the rest of the section kept
  const { value, issues } = decodeTlsConfiguration(section, { path: rootKey });
  for (const issue of issues) report(issue, [rootKey, ...stepsAfter(issue.path, rootKey)]);
  if (!value) return;
  const tls = (config.tls ??= {});
  if (value.certificates) tls.certificates = [...(tls.certificates ?? []), ...value.certificates];
  if (value.options) tls.options = { ...value.options, ...tls.options };
  if (value.stores) tls.stores = { ...value.stores, ...tls.stores };
  void file;
}

/** `http.routers.api.tls.domains[0].main` after `http.routers.api` → ['tls','domains',0,'main']. */
function stepsAfter(path: string, prefix: string): Array<string | number> {
  const rest = path.startsWith(prefix) ? path.slice(prefix.length) : path;
  const steps: Array<string | number> = [];
  for (const m of rest.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) steps.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return steps;
}

function toDiagnostic(file: ParsedFile, issue: DecodeIssue, steps: Array<string | number>, element?: Diagnostic['element']): Diagnostic {
  return {
    provider: 'file',
    source: sourceOf(file.path, file.locate(steps)),
    code: issue.code,
    severity: 'error',
    message: element ? `${issue.message} (${element.kind} "${element.name}" dropped)` : issue.message,
    ...(issue.path ? { key: issue.path } : {}),
    ...(issue.suggestion ? { suggestion: issue.suggestion } : {}),
    ...(element ? { element } : {}),
  };
}
