import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '@wharf/config';
import { isConfigFile } from './parsed-file.js';

/** Deepest directory level read under `providers.file.directory` (the root is level 0). */
export const MAX_DIRECTORY_DEPTH = 16;

export interface DirectoryListing {
  paths: string[];
  diagnostics: Diagnostic[];
}

function loopDiagnostic(path: string, detail: string): Diagnostic {
  return {
    provider: 'file',
    source: path,
    code: 'WHARF_FILE_LOOP',
    severity: 'error',
    message: `${path}: ${detail}; it is skipped, the other files keep serving`,
    element: { kind: 'file', name: path },
  };
}

/**
 * Every .yml/.yaml/.toml under `dir`, recursively (as Traefik does), sorted by path. Symlinked
 * directories are followed (Kubernetes ConfigMap mounts), but a directory whose real path is
 * already one of its own ancestors (`self -> .`, `a/x -> ../b` + `b/y -> ../a`) is a loop: it
 * becomes a diagnostic and is not entered. The walk stops at MAX_DIRECTORY_DEPTH levels.
 */
export async function walkConfigDirectory(dir: string): Promise<DirectoryListing> {
  const out: DirectoryListing = { paths: [], diagnostics: [] };
  let rootReal: string;
  try {
    rootReal = await realpath(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw err;
  }
  await walk(dir, [rootReal], out);
  out.paths.sort();
  return out;
}

async function walk(dir: string, ancestors: string[], out: DirectoryListing): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return;
    if (ancestors.length === 1) throw err;
    out.diagnostics.push(loopDiagnostic(dir, `cannot read the directory (${code ?? String(err)})`));
    return;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await enter(full, full, ancestors, out);
    else if (entry.isSymbolicLink()) await followLink(full, entry.name, ancestors, out);
    else if (entry.isFile() && isConfigFile(entry.name)) out.paths.push(full);
  }
}

async function followLink(full: string, name: string, ancestors: string[], out: DirectoryListing): Promise<void> {
  let real: string;
  try {
    real = await realpath(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') out.diagnostics.push(loopDiagnostic(full, 'symbolic link loop (ELOOP)'));
    else if (isConfigFile(name)) out.paths.push(full); // dangling: loadFiles skips or reports it
    return;
  }
  let isDir = false;
  try {
    isDir = (await stat(real)).isDirectory();
  } catch {
    return;
  }
  if (isDir) await enter(full, real, ancestors, out);
  else if (isConfigFile(name)) out.paths.push(full);
}

async function enter(full: string, known: string, ancestors: string[], out: DirectoryListing): Promise<void> {
  const real = known === full ? await realpath(full).catch(() => full) : known;
  if (ancestors.includes(real)) {
    out.diagnostics.push(loopDiagnostic(full, `directory loop: it is ${real}, one of its own parents`));
    return;
  }
  if (ancestors.length > MAX_DIRECTORY_DEPTH) {
    out.diagnostics.push(loopDiagnostic(full, `deeper than ${MAX_DIRECTORY_DEPTH} directory levels`));
    return;
  }
  await walk(full, [...ancestors, real], out);
}
