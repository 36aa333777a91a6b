import { defineError } from '@wharf/config';

/** Coded errors of the file provider (see docs/errors.md). Branch on `code`. */
export const fileProviderOptionsError = defineError(
  'WHARF_FILE_OPTIONS',
  500,
  (detail: string) => `providers.file: ${detail}`,
);

/**
 * The watch on a file's directory (or the directory) ended: it was removed, or the watcher failed.
 * The provider returns this to the runner, which restarts it with backoff (the last snapshot stays).
 */
export const FileWatchError = defineError(
  'WHARF_FILE_WATCH',
  503,
  (path: string, reason: string) => `providers.file: watching ${path} stopped: ${reason}`,
);
