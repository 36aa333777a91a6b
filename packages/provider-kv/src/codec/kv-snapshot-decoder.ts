import { emptyDynamicConfig, type Diagnostic, type DynamicConfig, type ProviderSnapshot } from '@wharf/config';
import { decodeKv, decodeKvGrouped, type DecodeKvOptions } from './decode-kv.js';
import { rootPrefix, type KvPair } from './kv-pair.js';
import { elementGroup, RECORD_SECTIONS, WHOLE_GROUP } from './kv-sections.js';
import { isOversized } from './kv-tree.js';

type Sections = Record<string, Record<string, Record<string, unknown>>>;

/** One group decoded: an element (or none, when it was dropped) and its diagnostics; for a whole group, its configuration. */
interface Part {
  /** `[protocol, section]` as the model spells them; undefined for a whole group */
  section: readonly [string, string] | undefined;
  /** a full decode creates the section for this group (it does not for a group of only oversized keys) */
  present: boolean;
  name?: string | undefined;
  value?: unknown;
  config?: DynamicConfig;
  diagnostics: Diagnostic[];
  /** the group's smallest key: parts are merged in key order, as a full decode walks them */
  first: string;
}

interface Group {
  pairs: Map<string, string>;
  part?: Part | undefined;
}

/**
 * Incremental form of `decodeKv`: pairs are grouped by element (`<protocol>/<section>/<name>`,
 * case-insensitive; other keys group by protocol or section and decode whole), the changed element groups decode together in
 * one pass that says which group each diagnostic belongs to, and a group whose keys did not
 * change keeps its decoded element (frozen, so successive snapshots share it). Every snapshot is
 * still the full configuration; only the order of diagnostics differs from `decodeKv` (grouped by
 * element, in key order). When the tree ties elements together (a key with under three segments
 * such as a value at `http/routers`, or a protocol or section spelt two ways, which changes the
 * keys diagnostics name) it decodes the whole tree with `decodeKv`.
 */
export class KvSnapshotDecoder {
  readonly #opts: DecodeKvOptions;
  readonly #prefix: string;
  readonly #groups = new Map<string, Group>();
  readonly #dirty = new Set<string>();
  /** keys under the root with fewer than three segments, and their values */
  readonly #shallow = new Map<string, string>();
  /** `protocol/section` as spelt by the keys, with their key counts */
  readonly #spellings = new Map<string, number>();
  /** groups in key order, until a group comes, goes or changes its first key */
  #order: Group[] | undefined;

  constructor(opts: DecodeKvOptions) {
    this.#opts = opts;
    this.#prefix = rootPrefix(opts.rootKey);
  }

  /** `value` undefined: the key is gone */
  set(key: string, value: string | undefined): void {
    const steps = this.#steps(key);
    if (steps && steps.length < 3) {
      if (value === undefined) this.#shallow.delete(key);
      else this.#shallow.set(key, value);
      return;
    }
    const id = steps ? elementGroup(steps[0]!, steps[1]!, steps[2]!) : WHOLE_GROUP;
    let g = this.#groups.get(id);
    const had = g?.pairs.has(key) === true;
    if (value === undefined) {
      if (!had) return;
      g!.pairs.delete(key);
    } else {
      if (!g) this.#groups.set(id, (g = { pairs: new Map() }));
      g.pairs.set(key, value);
    }
    if (steps && had !== (value !== undefined)) {
      const spelt = `${steps[0]}/${steps[1]}`;
      const n = (this.#spellings.get(spelt) ?? 0) + (had ? -1 : 1);
      if (n > 0) this.#spellings.set(spelt, n);
      else this.#spellings.delete(spelt);
    }
    this.#dirty.add(id);
  }

  snapshot(): ProviderSnapshot {
    if (this.#shallow.size > 0 || misspelt(this.#spellings.keys())) return decodeKv(this.#allPairs(), this.#opts);
    const changed: Array<[string, Group]> = [];
    for (const id of this.#dirty) {
      const g = this.#groups.get(id)!;
      if (g.pairs.size > 0) changed.push([id, g]);
      else this.#groups.delete(id);
      this.#order = undefined;
    }
    this.#dirty.clear();
    const elements = changed.filter(([id]) => !id.startsWith(WHOLE_GROUP));
    for (const [id, g] of changed) if (id.startsWith(WHOLE_GROUP)) this.#decodeWhole(g);
    if (elements.length > 0) decodeElements(elements, this.#opts);
    this.#order ??= [...this.#groups.values()].sort((a, b) => (a.part!.first < b.part!.first ? -1 : a.part!.first > b.part!.first ? 1 : 0));
    const config = emptyDynamicConfig();
    const diagnostics: Diagnostic[] = [];
    for (const { part } of this.#order) {
      mergePart(config, part!);
      diagnostics.push(...part!.diagnostics);
    }
    return { config, diagnostics };
  }

  /** The first three non-empty segments after the root prefix (fewer when the key has fewer); undefined outside the root. */
  #steps(key: string): string[] | undefined {
    if (!key.startsWith(this.#prefix)) return undefined;
    const steps: string[] = [];
    for (let i = this.#prefix.length; steps.length < 3 && i < key.length; ) {
      let j = key.indexOf('/', i);
      if (j < 0) j = key.length;
      if (j > i) steps.push(key.slice(i, j));
      i = j + 1;
    }
    return steps;
  }

  #decodeWhole(g: Group): void {
    const { config, diagnostics } = decodeKv(pairsOf(g.pairs), this.#opts);
    g.part = { section: undefined, present: true, config: deepFreeze(config), diagnostics: deepFreeze(diagnostics), first: firstKey(g.pairs) };
  }

  #allPairs(): KvPair[] {
    const out: KvPair[] = [...this.#shallow].map(([key, value]) => ({ key, value }));
    for (const g of this.#groups.values()) out.push(...pairsOf(g.pairs));
    return out;
  }
}

/** Decodes changed element groups in one pass (they are independent), then hands each its element and diagnostics. */
function decodeElements(changed: ReadonlyArray<[string, Group]>, opts: DecodeKvOptions): void {
  const { config, diagnostics, groups } = decodeKvGrouped(changed.flatMap(([, g]) => pairsOf(g.pairs)), opts);
  const parts = new Map<string, Part>();
  const names = new Map<Record<string, unknown>, Map<string, string>>();
  for (const [id, g] of changed) {
    const section = RECORD_SECTIONS.get(id.slice(0, id.indexOf('/', id.indexOf('/') + 1)))!;
    const bucket = (config as unknown as Sections)[section[0]]?.[section[1]];
    let byLower = bucket && names.get(bucket);
    if (bucket && !byLower) names.set(bucket, (byLower = new Map(Object.keys(bucket).map((n) => [n.toLowerCase(), n]))));
    const name = byLower?.get(id.slice(id.lastIndexOf('/') + 1));
    const present = [...g.pairs].some(([key, value]) => !isOversized({ key, value }));
    g.part = { section, present, name, value: name === undefined ? undefined : deepFreeze(bucket![name]), diagnostics: [], first: firstKey(g.pairs) };
    parts.set(id, g.part);
  }
  diagnostics.forEach((d, i) => parts.get(groups[i]!)!.diagnostics.push(deepFreeze(d)));
}

/** One protocol or one section spelt two ways (`HTTP/routers`, `http/services`): the first spelling names every key's branch. */
function misspelt(spellings: Iterable<string>): boolean {
  const seen = new Map<string, string>();
  for (const spelt of spellings) {
    for (const s of [spelt.slice(0, spelt.indexOf('/')), spelt]) {
      const known = seen.get(s.toLowerCase());
      if (known !== undefined && known !== s) return true;
      seen.set(s.toLowerCase(), s);
    }
  }
  return false;
}

/** An element goes into its section; a whole group's sections (a list such as `tls.certificates`) merge as they are. */
function mergePart(target: DynamicConfig, part: Part): void {
  const into = target as unknown as Sections;
  if (part.section) {
    if (!part.present) return;
    const bucket = ((into[part.section[0]] ??= {})[part.section[1]] ??= {});
    if (part.name !== undefined) bucket[part.name] = part.value;
    return;
  }
  for (const [protocol, sections] of Object.entries(part.config as unknown as Sections)) {
    const t = (into[protocol] ??= {});
    for (const [section, value] of Object.entries(sections)) {
      if (RECORD_SECTIONS.has(`${protocol}/${section}`.toLowerCase())) Object.assign((t[section] ??= {}), value);
      else t[section] = value as Record<string, unknown>;
    }
  }
}

function pairsOf(pairs: Map<string, string>): KvPair[] {
  return [...pairs].map(([key, value]) => ({ key, value }));
}

function firstKey(pairs: Map<string, string>): string {
  let first: string | undefined;
  for (const key of pairs.keys()) if (first === undefined || key < first) first = key;
  return first!;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
