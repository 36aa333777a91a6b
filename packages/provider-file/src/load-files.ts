import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type Diagnostic, type Logger } from '@wharf/config';
import { isConfigFile, parseConfigText, type ParsedFile } from './parsed-file.js';
import { sourceOf } from './source.js';

export interface LoadResult {
  files: ParsedFile[];
  diagnostics: Diagnostic[];
}

/** Every .yml/.yaml/.toml under `dir`, recursively (as Traefik does), sorted by path. */
export async function listConfigFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listConfigFiles(full)));
    else if ((entry.isFile() || entry.isSymbolicLink()) && isConfigFile(entry.name)) out.push(full);
  }
  return out.sort();
}

/**
 * Reads and parses the given files. A file that fails to parse keeps its last good content
 * (from `lastGood`, updated in place) and gets a diagnostic with file:line:col.
 */
export async function loadFiles(
  paths: string[],
  lastGood: Map<string, ParsedFile>,
  logger: Logger = silentLogger,
): Promise<LoadResult> {
  const files: ParsedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const present = new Set<string>();
  for (const path of paths) {
    let text: string;
    try {
      if (!(await stat(path)).isFile()) continue;
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      logger.error('cannot read configuration file', { err, file: path });
      const previous = lastGood.get(path);
      if (previous) files.push(previous);
      present.add(path);
      continue;
    }
    present.add(path);
    const outcome = parseConfigText(path, text);
    if (outcome.ok) {
      lastGood.set(path, outcome.file);
      files.push(outcome.file);
      continue;
    }
    const previous = lastGood.get(path);
    const kept = previous ? 'the last good content is kept' : 'nothing from it is used';
    const source = sourceOf(path, outcome.position);
    logger.error(`cannot parse configuration file: ${outcome.message}`, { file: source });
    diagnostics.push({
      provider: 'file',
      source,
      code: 'WHARF_FILE_PARSE',
      severity: 'error',
      message: `cannot parse ${source}: ${outcome.message} (${kept})`,
      element: { kind: 'file', name: path },
    });
    if (previous) files.push(previous);
  }
  for (const path of [...lastGood.keys()]) if (!present.has(path)) lastGood.delete(path);
  return { files, diagnostics };
}
