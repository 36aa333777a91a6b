import type { TSchema } from '@sinclair/typebox';
import { DynamicConfigSchema, emptyDynamicConfig, type Diagnostic, type DynamicConfig, type ProviderSnapshot } from '@wharf/config';
import { decodeKv, type DecodeKvOptions } from './decode-kv.js';
import { rootPrefix, type KvPair } from './kv-pair.js';

type SchemaNode = TSchema & { properties?: Record<string, SchemaNode>; patternProperties?: Record<string, SchemaNode> };

/** Every named-element section of the model (`http/routers`, `tls/options`, …): lower-cased `protocol/section` → the model's spelling. */
const RECORD_SECTIONS: ReadonlyMap<string, readonly [string, string]> = new Map(
  Object.entries((DynamicConfigSchema as SchemaNode).properties!).flatMap(([protocol, node]) =>
    Object.entries(node.properties ?? {}).flatMap(([section, s]) =>
      (s.patternProperties ? [[`${protocol}/${section}`.toLowerCase(), [protocol, section] as const] as const] : []))),
);

/** Keys outside any named element (unknown protocols or sections, `tls/certificates`) decode together. */
const REST = '';

/** One group decoded: an element (or nothing, when it was dropped) with its diagnostics, or the rest's whole configuration. */
interface Part {
  /** `[protocol, section]` as the model spells them, for an element group; undefined for the rest */
  section: readonly [string, string] | undefined;
  /** whether the decode created the section (it does not for a group of only oversized keys) */
  present: boolean;
  name?: string | undefined;
  value?: unknown;
  config?: DynamicConfig;
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
  /** `http/routers` as spelt, for the spelling check */
  spelt: string | undefined;
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
  /** `protocol/section` as spelt by the keys of element groups, with their key counts */
  readonly #spellings = new Map<string, number>();
  /** groups in key order, until a group comes, goes or changes its first key */
  #order: Group[] | undefined;

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
    } else {
      if (!g) this.#groups.set(group, (g = { pairs: new Map() }));
      g.pairs.set(key, value);
    }
    if (spelt !== undefined && had !== (value !== undefined)) {
      const n = (this.#spellings.get(spelt) ?? 0) + (had ? -1 : 1);
      if (n > 0) this.#spellings.set(spelt, n);
      else this.#spellings.delete(spelt);
    }
    this.#dirty.add(group);
  }

  snapshot(): ProviderSnapshot {
    if (this.#shallow.size > 0 || misspelt(this.#spellings.keys())) return decodeKv(this.#allPairs(), this.#opts);
    for (const id of this.#dirty) {
      const g = this.#groups.get(id)!;
      const before = g.part?.first;
      if (g.pairs.size === 0) this.#groups.delete(id);
      else g.part = decodePart(id, g.pairs, this.#opts);
      if (g.part?.first !== before || g.pairs.size === 0) this.#order = undefined;
    }
    this.#dirty.clear();
    this.#order ??= [...this.#groups.values()].sort((a, b) => (a.part!.first < b.part!.first ? -1 : a.part!.first > b.part!.first ? 1 : 0));
    const config = emptyDynamicConfig();
    const diagnostics: Diagnostic[] = [];
    for (const { part } of this.#order) {
      mergePart(config, part!);
      diagnostics.push(...part!.diagnostics);
    }
    return { config, diagnostics };
  }

  #place(key: string): Placement {
    if (!key.startsWith(this.#prefix)) return { group: REST, spelt: undefined };
    const steps: string[] = [];
    for (let i = this.#prefix.length; steps.length < 3 && i < key.length; ) {
      let j = key.indexOf('/', i);
      if (j < 0) j = key.length;
      if (j > i) steps.push(key.slice(i, j));
      i = j + 1;
    }
    if (steps.length < 3) return { group: undefined, spelt: undefined };
    const spelt = `${steps[0]}/${steps[1]}`;
    const lower = spelt.toLowerCase();
    return { group: RECORD_SECTIONS.has(lower) ? `${lower}/${steps[2]!.toLowerCase()}` : REST, spelt };
  }

  #allPairs(): KvPair[] {
    const out: KvPair[] = [...this.#shallow].map(([key, value]) => ({ key, value }));
    for (const g of this.#groups.values()) for (const [key, value] of g.pairs) out.push({ key, value });
    return out;
  }
}

/** One protocol or one section spelt two ways (`HTTP/routers`, `http/services`): the first spelling names every key's branch. */
function misspelt(spellings: Iterable<string>): boolean {
  const seen = new Map<string, string>();
  for (const spelt of spellings) {
    const protocol = spelt.slice(0, spelt.indexOf('/'));
    for (const s of [protocol, spelt]) {
      const known = seen.get(s.toLowerCase());
      if (known !== undefined && known !== s) return true;
      seen.set(s.toLowerCase(), s);
    }
  }
  return false;
}

function decodePart(id: string, pairs: Map<string, string>, opts: DecodeKvOptions): Part {
  const list: KvPair[] = [];
  let first: string | undefined;
  for (const [key, value] of pairs) {
    list.push({ key, value });
    if (first === undefined || key < first) first = key;
  }
  const { config, diagnostics } = decodeKv(list, opts);
  const section = id === REST ? undefined : RECORD_SECTIONS.get(id.slice(0, id.indexOf('/', id.indexOf('/') + 1)));
  const part: Part = { section, present: false, diagnostics: deepFreeze(diagnostics), first: first! };
  if (!section) return { ...part, config: deepFreeze(config) };
  const bucket = (config as unknown as Record<string, Record<string, Record<string, unknown>> | undefined>)[section[0]]?.[section[1]];
  const entry = bucket ? Object.entries(bucket)[0] : undefined;
  return { ...part, present: bucket !== undefined, name: entry?.[0], value: entry ? deepFreeze(entry[1]) : undefined };
}

/** An element goes into its section; the rest's sections (a list such as `tls.certificates`) merge as they are. */
function mergePart(target: DynamicConfig, part: Part): void {
  const into = target as unknown as Record<string, Record<string, Record<string, unknown>>>;
  if (part.section) {
    if (!part.present) return;
    const bucket = ((into[part.section[0]] ??= {})[part.section[1]] ??= {});
    if (part.name !== undefined) bucket[part.name] = part.value;
    return;
  }
  for (const [protocol, sections] of Object.entries(part.config as unknown as Record<string, Record<string, unknown>>)) {
    const t = (into[protocol] ??= {}) as Record<string, unknown>;
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
