import type { TSchema } from '@sinclair/typebox';

type Node = TSchema & {
  type?: string;
  properties?: Record<string, Node>;
  patternProperties?: Record<string, Node>;
  additionalProperties?: boolean | Node;
  anyOf?: Node[];
};

function recordValue(node: Node): Node | true | undefined {
  const pattern = node.patternProperties ? Object.values(node.patternProperties)[0] : undefined;
  if (pattern) return pattern;
  if (node.additionalProperties === true) return true;
  if (node.additionalProperties && typeof node.additionalProperties === 'object') return node.additionalProperties;
  return undefined;
}

/** The schema at a key path (case-insensitive), or undefined. `true` = anything goes. */
export function schemaAt(schema: TSchema, steps: string[]): TSchema | true | undefined {
  let node: Node | true = schema as Node;
  for (const step of steps) {
    if (node === true) return true;
    if (/^\[\d+\]$/.test(step)) {
      // a list index (`domains[0]`): the element schema
      if (node.type !== 'array') return undefined;
      node = (node as Node & { items?: Node }).items ?? true;
      continue;
    }
    if (node.type !== 'object') return node.type === undefined && !node.anyOf ? true : undefined;
    const prop: string | undefined = Object.keys(node.properties ?? {}).find((p) => p.toLowerCase() === step.toLowerCase());
    const next: Node | true | undefined = prop !== undefined ? node.properties![prop]! : recordValue(node);
    if (next === undefined) return undefined;
    node = next;
  }
  return node;
}

/** True when a bare flag (`--ping`, `--api.insecure`) makes sense: booleans and presence objects. */
export function acceptsBareFlag(schema: TSchema | true | undefined): boolean {
  if (schema === undefined || schema === true) return true;
  const node = schema as Node;
  return node.type === 'boolean' || node.type === 'object';
}

export interface EnvResolution {
  steps?: string[];
  /** on failure: the closest valid spelling of the remaining tokens */
  failure?: { at: number; length: number; candidates: string[] };
}

/**
 * Env var tokens (`ENTRYPOINTS_WEB_ADDRESS` → ENTRYPOINTS, WEB, ADDRESS) matched against the
 * schema ignoring `_` boundaries (`EXPOSEDBYDEFAULT` = `EXPOSED_BY_DEFAULT`), with backtracking.
 * Record keys (user names) are lower-cased, as Traefik does.
 */
export function resolveEnvTokens(schema: TSchema, tokens: string[]): EnvResolution {
  const best: { failure?: EnvResolution['failure'] } = {};
  const steps = walk(schema as Node, tokens, 0, best);
  return steps ? { steps } : { ...(best.failure ? { failure: best.failure } : {}) };
}

function walk(node: Node | true, tokens: string[], i: number, best: { failure?: EnvResolution['failure'] }): string[] | undefined {
  if (i === tokens.length) return [];
  if (node === true || (node.type === undefined && !node.anyOf)) return tokens.slice(i).map((t) => t.toLowerCase());
  if (node.type !== 'object') return undefined;
  const props = node.properties ?? {};
  for (let k = 1; i + k <= tokens.length; k++) {
    const joined = tokens.slice(i, i + k).join('').toLowerCase();
    const prop = Object.keys(props).find((p) => p.toLowerCase() === joined);
    if (prop === undefined) continue;
    const rest = walk(props[prop]!, tokens, i + k, best);
    if (rest) return [prop, ...rest];
  }
  const value = recordValue(node);
  if (value !== undefined) {
    // a user name followed by nothing only makes sense when the value is a leaf
    const leafValue = value === true || value.type !== 'object';
    for (let k = 1; i + k <= tokens.length; k++) {
      const rest = walk(value, tokens, i + k, best);
      if (rest && (rest.length > 0 || leafValue)) return [tokens.slice(i, i + k).join('_').toLowerCase(), ...rest];
    }
  } else if (!best.failure || best.failure.at < i) {
    best.failure = { at: i, length: tokens.length - i, candidates: Object.keys(props) };
  }
  return undefined;
}
