import type { Position } from './parsed-file.js';

/** `path/to/file.yml:LINE:COL` (or just the path when the position is unknown). */
export function sourceOf(path: string, position?: Position): string {
  return position ? `${path}:${position.line}:${position.col}` : path;
}
