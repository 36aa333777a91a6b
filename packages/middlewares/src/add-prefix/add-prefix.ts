import type { HttpStep } from '@wharf/config';
import type { AddPrefixOptions } from './schema.js';

export function createAddPrefix(options: AddPrefixOptions): HttpStep {
  const prefix = options.prefix.startsWith('/') ? options.prefix : `/${options.prefix}`;
  return (ex, next) => {
    ex.path = prefix + ex.path;
    return next();
  };
}
