import type { HttpStep } from '@wharf/config';
import type { ReplacePathOptions } from './schema.js';

export const REPLACED_PATH = 'x-replaced-path';

export function createReplacePath(options: ReplacePathOptions): HttpStep {
  const path = options.path;
  return (ex, next) => {
    ex.headers[REPLACED_PATH] = ex.path;
    ex.path = path;
    return next();
  };
}
