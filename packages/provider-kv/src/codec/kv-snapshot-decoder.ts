import type { TSchema } from '@sinclair/typebox';
import { DynamicConfigSchema, emptyDynamicConfig, type Diagnostic, type DynamicConfig, type ProviderSnapshot } from '@wharf/config';
import { decodeKv, type DecodeKvOptions } from './decode-kv.js';
import { rootPrefix, type KvPair } from './kv-pair.js';

type SchemaNode = TSchema & { properties?: Record<string, SchemaNode>; patternProperties?: Record<string, SchemaNode> };

/** Lower-cased `protocol/section` of every named-element section of the model (`http/routers`, `tls/options`, …). */
const RECORD_SECTIONS: ReadonlySet<string> = new Set(
  Object.entries((DynamicConfigSchema as SchemaNode).properties!).flatMap(([protocol, node]) =>
    Object.entries(node.properties ?? {}).flatMap(([section, s]) => (s.patternProperties ? [`${protocol}/${section}`.toLowerCase()] : []))),
);

/** Keys outside any named element (unknown protocols or sections, `tls/certificates`) decode together. */
const REST = '';

interface Part {
  config: DynamicConfig;
  diagnostics: readonly Diagnostic[];
  /** the group's smallest key: parts are merged in key order, as a full decode walks them */
  first: string;
}

interface Group {
  pairs: Map<string, string>;
  part?: Part | undefined;
}

interface Placement {
  /** `http/routers/api` lower-cased, REST, or undefined for a key under the root with under three segments */
  group: string | undefined;
  /** `http` and `http/routers` as spelt, for the spelling check */
  spelt: [string, string] | undefined;
}

/**
 * Incremental form of `decodeKv`: pairs are grouped by element (`<protocol>/<section>/<name>`,
 * case-insensitive), each group decodes on its own, and a group whose keys did not change keeps
 * its decoded element (frozen, so it can be shared by successive snapshots). Every snapshot is
 * still the full configuration. When the tree mixes levels in ways that tie elements together
 * (a value at `http/routers` itself, or one section spelt two ways, which changes the keys
 * diagnostics name) it decodes the whole tree at once, exactly as `decodeKv`.
 */
export class KvSnapshotDecoder {
  readonly #opts: DecodeKvOptions;
  readonly #prefix: string;
  readonly #groups = new Map<string, Group>();
  readonly #dirty = new Set<string>();
  /** keys under the root with fewer than three segments, and their values */
  readonly #shallow = new Map<string, string>();
  /** spellings in use per lower-cased protocol and protocol/section, with their key counts */
  readonly #spellings = new Map<string, Map<string, number>>();

  constructor(opts: DecodeKvOptions) {
    this.#opts = opts;
    this.#prefix = rootPrefix(opts.rootKey);
  }

  /** `value` undefined: the key is gone */
  set(key: string, value: string | undefined): void {
    const { group, spelt } = this.#place(key);
    if (group === undefined) {
      if (value === undefined) this.#shallow.delete(key);
      else this.#shallow.set(key, value);
      return;
    }
    let g = this.#groups.get(group);
    const had = g?.pairs.has(key) === true;
    if (value === undefined) {
      if (!had) return;
      g!.pairs.delete(key);
      if (spelt) this.#count(spelt, -1);
    } else {
      if (!g) this.#groups.set(group, (g = { pairs: new Map() }));
      if (!had && spelt) this.#count(spelt, 1);
      g.pairs.set(key, value);
    }
    this.#dirty.add(group);
  }

  snapshot(): ProviderSnapshot {
    if (this.#shallow.size > 0 || this.#misspelt()) return decodeKv(this.#allPairs(), this.#opts);
    for (const id of this.#dirty) {
      const g = this.#groups.get(id)!;
      if (g.pairs.size === 0) this.#groups.delete(id);
      else g.part = decodePart(g.pairs, this.#opts);
    }
    this.#dirty.clear();
    const parts = [...this.#groups.values()].map((g) => g.part!).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    const config = emptyDynamicConfig();
    const diagnostics: Diagnostic[] = [];
    for (const part of parts) {
      mergePart(config, part.config);
      diagnostics.push(...part.diagnostics);
    }
    return { config, diagnostics };
  }

  #place(key: string): Placement {
    if (!key.startsWith(this.#prefix)) return { group: REST, spelt: undefined };
    const steps = key.slice(this.#prefix.length).split('/', 64).filter((s) => s !== '').slice(0, 3);
    if (steps.length < 3) return { group: undefined, spelt: undefined };
    const [protocol, section, name] = steps as [string, string, string];
    const spelt: [string, string] = [protocol, `${protocol}/${section}`];
    const lower = `${protocol}/${section}`.toLowerCase();
    return { group: RECORD_SECTIONS.has(lower) ? `${lower}/${name.toLowerCase()}` : REST, spelt };
  }

  #count(spelt: [string, string], delta: number): void {
    for (const s of spelt) {
      const lower = s.toLowerCase();
      let counts = this.#spellings.get(lower);
      if (!counts) this.#spellings.set(lower, (counts = new Map()));
      const n = (counts.get(s) ?? 0) + delta;
      if (n > 0) counts.set(s, n);
      else counts.delete(s);
      if (counts.size === 0) this.#spellings.delete(lower);
    }
  }

  #misspelt(): boolean {
    for (const counts of this.#spellings.values()) if (counts.size > 1) return true;
    return false;
  }

  #allPairs(): KvPair[] {
    const out: KvPair[] = [...this.#shallow].map(([key, value]) => ({ key, value }));
    for (const g of this.#groups.values()) for (const [key, value] of g.pairs) out.push({ key, value });
    return out;
  }
}

function decodePart(pairs: Map<string, string>, opts: DecodeKvOptions): Part {
  const list: KvPair[] = [];
  let first: string | undefined;
  for (const [key, value] of pairs) {
    list.push({ key, value });
    if (first === undefined || key < first) first = key;
  }
  const { config, diagnostics } = decodeKv(list, opts);
  return deepFreeze({ config, diagnostics, first: first! });
}

/** Named elements merge into their section; any other section (a list such as `tls.certificates`) comes from one part only. */
function mergePart(target: DynamicConfig, part: DynamicConfig): void {
  const into = target as unknown as Record<string, Record<string, unknown>>;
  for (const [protocol, sections] of Object.entries(part as unknown as Record<string, Record<string, unknown>>)) {
    const t = (into[protocol] ??= {});
    for (const [section, value] of Object.entries(sections)) {
      if (RECORD_SECTIONS.has(`${protocol}/${section}`.toLowerCase())) Object.assign((t[section] ??= {}) as object, value);
      else t[section] = value;
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
