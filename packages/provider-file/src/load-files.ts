import { readFile, stat } from 'node:fs/promises';
import { silentLogger, type Diagnostic, type Logger } from '@wharf/config';
import { parseConfigText, type ParsedFile } from './parsed-file.js';
import { sourceOf } from './source.js';

/** Default of `providers.file.maxFileSize` (bytes): wharf's addition, Traefik reads any size. */
const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;

export interface LoadResult {
  files: ParsedFile[];
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  logger?: Logger;
  /** bytes; a larger file keeps its last good content and gets WHARF_FILE_TOO_LARGE */
  maxFileSize?: number;
}

type ReadOutcome = { text: string } | { skip: true } | { problem: Diagnostic };

function fileDiagnostic(path: string, code: string, message: string, source = path): Diagnostic {
  return { provider: 'file', source, code, severity: 'error', message, element: { kind: 'file', name: path } };
}

async function readConfigFile(path: string, maxFileSize: number, kept: string): Promise<ReadOutcome> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { skip: true };
    if (info.size > maxFileSize) {
      return {
        problem: fileDiagnostic(path, 'WHARF_FILE_TOO_LARGE', `${path} is ${info.size} bytes, over providers.file.maxFileSize (${maxFileSize} bytes); ${kept}`),
      };
    }
    return { text: await readFile(path, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { skip: true };
    if (code === 'ELOOP') return { problem: fileDiagnostic(path, 'WHARF_FILE_LOOP', `${path}: symbolic link loop (ELOOP); ${kept}`) };
    const reason = err instanceof Error ? err.message : String(err);
    return { problem: fileDiagnostic(path, 'WHARF_FILE_READ', `cannot read ${path}: ${reason}; ${kept}`) };
  }
}

/**
 * Reads and parses the given files. A file that cannot be read, is too large or fails to parse
 * keeps its own last good content (from `lastGood`, updated in place) and gets a diagnostic; the
 * other files are not affected.
 */
export async function loadFiles(paths: string[], lastGood: Map<string, ParsedFile>, options: LoadOptions = {}): Promise<LoadResult> {
  const logger = options.logger ?? silentLogger;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const files: ParsedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const present = new Set<string>();
  for (const path of paths) {
    const previous = lastGood.get(path);
    const kept = previous ? 'the last good content is kept' : 'nothing from it is used';
    const read = await readConfigFile(path, maxFileSize, kept);
    if ('skip' in read) continue;
    present.add(path);
    if ('problem' in read) {
      logger.error(read.problem.message, { file: path, code: read.problem.code });
      diagnostics.push(read.problem);
      if (previous) files.push(previous);
      continue;
    }
    const outcome = parseConfigText(path, read.text);
    if (outcome.ok) {
      lastGood.set(path, outcome.file);
      files.push(outcome.file);
      continue;
    }
    const source = sourceOf(path, outcome.position);
    logger.error(`cannot parse configuration file: ${outcome.message}`, { file: source });
    diagnostics.push(fileDiagnostic(path, 'WHARF_FILE_PARSE', `cannot parse ${source}: ${outcome.message} (${kept})`, source));
    if (previous) files.push(previous);
  }
  for (const path of [...lastGood.keys()]) if (!present.has(path)) lastGood.delete(path);
  return { files, diagnostics };
}
