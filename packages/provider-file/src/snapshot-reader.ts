import { existsSync } from 'node:fs';
import type { Diagnostic, ProviderSnapshot } from '@wharf/config';
import { buildConfig } from './build-config.js';
import { loadFiles } from './load-files.js';
import type { ParsedFile } from './parsed-file.js';
import { walkConfigDirectory } from './walk-directory.js';

/** What one read needs; plain data, so it crosses to a worker thread as is. */
export interface ReadRequest {
  target: string;
  isDir: boolean;
  maxFileSize?: number;
}

export interface ReadResult {
  snapshot: ProviderSnapshot;
  files: number;
}

function missingTarget(target: string): Diagnostic {
  return {
    provider: 'file',
    source: target,
    code: 'WHARF_FILE_MISSING',
    severity: 'warning',
    message: `${target} does not exist (yet): watching for it`,
  };
}

/**
 * Reads, parses and decodes the files into one snapshot. Holds each file's last good content
 * between reads, so it lives as long as the provider (in the provider's thread or in its worker).
 */
export function createSnapshotReader(): (req: ReadRequest) => Promise<ReadResult> {
  const lastGood = new Map<string, ParsedFile>();
  return async (req) => {
    const listing = req.isDir ? await walkConfigDirectory(req.target) : { paths: [req.target], diagnostics: [] };
    const loaded = await loadFiles(listing.paths, lastGood, req.maxFileSize !== undefined ? { maxFileSize: req.maxFileSize } : {});
    const diagnostics = [...listing.diagnostics, ...loaded.diagnostics];
    if (!existsSync(req.target)) diagnostics.push(missingTarget(req.target));
    return { snapshot: buildConfig(loaded.files, diagnostics), files: loaded.files.length };
  };
}
