/** Issue codes produced by `decodeWithSchema` (stable; see docs/errors.md). */
export const CONFIG_UNKNOWN_KEY = 'WHARF_CONFIG_UNKNOWN_KEY';
export const CONFIG_BAD_VALUE = 'WHARF_CONFIG_BAD_VALUE';
export const CONFIG_MISSING_KEY = 'WHARF_CONFIG_MISSING_KEY';

export type DecodeIssueCode = typeof CONFIG_UNKNOWN_KEY | typeof CONFIG_BAD_VALUE | typeof CONFIG_MISSING_KEY;

export interface DecodeIssue {
  code: DecodeIssueCode | (string & {});
  /** full dotted path, in the user's spelling (`http.routers.api.entryPoints[0]`) */
  path: string;
  message: string;
  /** closest valid key, for unknown keys */
  suggestion?: string;
  expected?: string;
  got?: string;
}

export interface DecodeResult<T> {
  /** undefined when any issue was found */
  value: T | undefined;
  issues: DecodeIssue[];
}

export interface DecodeOptions {
  /** prefix for issue paths (`http.routers.api`) */
  path?: string;
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** A short description of a value for "got …" messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return `${typeof value} ${String(value)}`;
}
