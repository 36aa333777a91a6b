import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';

export interface Position {
  line: number;
  col: number;
}

/** A parsed configuration file that can point at the position of a key path. */
export interface ParsedFile {
  path: string;
  data: unknown;
  /** best-effort position of a key path (`['http','routers','api','rule']`) */
  locate(steps: Array<string | number>): Position | undefined;
}

export type ParseOutcome = { ok: true; file: ParsedFile } | { ok: false; message: string; position?: Position };

/** Aliases one YAML document may expand (yaml's default is 100); more is refused as a bomb. */
const MAX_ALIAS_COUNT = 100;

const CONFIG_EXTENSIONS = ['.yml', '.yaml', '.toml'];

export function isConfigFile(path: string): boolean {
  const lower = path.toLowerCase();
  return CONFIG_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function parseConfigText(path: string, text: string): ParseOutcome {
  return path.toLowerCase().endsWith('.toml') ? parseTomlText(path, text) : parseYamlText(path, text);
}

function parseYamlText(path: string, text: string): ParseOutcome {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, merge: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    return { ok: false, message: error.message.split('\n')[0]!, ...(pos ? { position: { line: pos.line, col: pos.col } } : {}) };
  }
  let data: unknown;
  try {
    // an alias bomb (billion laughs) throws here: yaml caps alias expansion (maxAliasCount)
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  }
  const toPos = (offset: number): Position => lineCounter.linePos(offset);
  const locate = (steps: Array<string | number>): Position | undefined => {
    let node: unknown = doc.contents;
    let found: Position | undefined;
    for (const step of steps) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
        if (!pair) break;
        const range = (pair.key as YamlNode).range;
        if (range) found = toPos(range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step] as YamlNode | undefined;
        if (!item) break;
        if (item.range) found = toPos(item.range[0]);
        node = item;
      } else break;
    }
    return found;
  };
  return { ok: true, file: { path, data, locate } };
}

function parseTomlText(path: string, text: string): ParseOutcome {
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (err) {
    if (err instanceof TomlError) {
      return { ok: false, message: err.message.split('\n')[0]!, position: { line: err.line, col: err.column } };
    }
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  const lines = text.split(/\r?\n/);
  return { ok: true, file: { path, data, locate: (steps) => locateToml(lines, steps) } };
}

/**
 * smol-toml keeps no positions: find the element's table header (or dotted key), then the
 * first later line assigning the leaf key. Good enough to point an editor at the right place.
 */
function locateToml(lines: string[], steps: Array<string | number>): Position | undefined {
  const names = steps.filter((s): s is string => typeof s === 'string');
  if (names.length === 0) return undefined;
  const element = names.slice(0, 3);
  const escaped = element.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*\\.\\s*"?');
  const header = new RegExp(`^\\s*\\[{1,2}\\s*"?${escaped}`, 'i');
  let start = lines.findIndex((l) => header.test(l));
  if (start < 0) start = lines.findIndex((l) => l.includes(element.at(-1)!));
  if (start < 0) return undefined;
  const leaf = names.at(-1)!;
  if (names.length > 3) {
    const assign = new RegExp(`^\\s*"?${leaf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s*=`, 'i');
    for (let i = start + 1; i < lines.length; i++) {
      if (assign.test(lines[i]!)) return { line: i + 1, col: lines[i]!.search(/\S/) + 1 };
    }
  }
  return { line: start + 1, col: lines[start]!.search(/\S/) + 1 };
}
