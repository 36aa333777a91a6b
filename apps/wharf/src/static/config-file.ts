import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseConfigText } from '@wharf/provider-file';
import type { StaticConfigProblem } from './errors.js';
import type { Origin } from './origin.js';

const CONFIG_FILE_NAMES = ['wharf.yml', 'wharf.yaml', 'wharf.toml', 'traefik.yml', 'traefik.yaml', 'traefik.toml'];
const CONFIG_SEARCH_DIRS = ['/etc/wharf', '/etc/traefik'];

export interface LoadedConfigFile {
  path?: string;
  data?: Record<string, unknown>;
  origin?: Extract<Origin, { kind: 'file' }>;
  problems: StaticConfigProblem[];
}

/** `wharf.*` then `traefik.*` (yml, yaml, toml) in cwd, then /etc/wharf, /etc/traefik. */
function findConfigFile(cwd: string, searchDirs: readonly string[] = CONFIG_SEARCH_DIRS): string | undefined {
  for (const dir of [cwd, ...searchDirs]) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Reads and parses the static configuration file, if any. */
export function loadConfigFile(explicit: string | undefined, cwd: string, searchDirs?: readonly string[]): LoadedConfigFile {
  const path = explicit !== undefined ? resolve(cwd, explicit) : findConfigFile(cwd, searchDirs);
  if (path === undefined) return { problems: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((err as Error).message);
    return { path, problems: [{ origin: path, code: 'WHARF_STATIC_CONFIG_FILE', message: `cannot read configuration file ${path}: ${why}` }] };
  }
  const outcome = parseConfigText(path, text);
  if (!outcome.ok) {
    const where = outcome.position ? `${path}:${outcome.position.line}:${outcome.position.col}` : path;
    return { path, problems: [{ origin: where, code: 'WHARF_STATIC_CONFIG_FILE', message: `${where}: cannot parse: ${outcome.message}` }] };
  }
  const data = outcome.file.data;
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    return { path, problems: [{ origin: path, code: 'WHARF_STATIC_CONFIG_FILE', message: `${path}: the file must contain a mapping` }] };
  }
  return {
    path,
    data: (data ?? {}) as Record<string, unknown>,
    origin: { kind: 'file', file: path, locate: (steps) => outcome.file.locate(steps) },
    problems: [],
  };
}
