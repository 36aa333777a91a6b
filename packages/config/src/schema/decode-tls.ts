import { Type } from '@sinclair/typebox';
import type { TlsCertificateConfig, TlsConfiguration, TlsOptionsConfig, TlsStoreConfig } from '../model/tls.js';
import { TlsCertificateSchema, TlsOptionsSchema, TlsStoreSchema } from './tls.js';
import { joinPath, type DecodeIssue, type DecodeOptions } from '../decode/decode-issue.js';
import { decodeWithSchema } from '../decode/decode-with-schema.js';

/** The section's shape with its elements left raw: they are decoded one by one below. */
const TlsShellSchema = Type.Object({
  certificates: Type.Optional(Type.Array(Type.Unknown())),
  options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  stores: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

/** Unlike `DecodeResult`, `value` holds the good elements even when some had issues. */
export interface TlsDecodeResult {
  value: TlsConfiguration | undefined;
  issues: DecodeIssue[];
}

/**
 * Decodes a `tls` section per element, as the rest of the dynamic configuration is: a certificate,
 * an option set or a store with a bad key is dropped with its issues; the others are kept. The
 * `value` is therefore defined even when there are issues (unless the section itself is malformed).
 */
export function decodeTlsConfiguration(section: unknown, opts: DecodeOptions = {}): TlsDecodeResult {
  const base = opts.path ?? 'tls';
  const shell = decodeWithSchema(TlsShellSchema, section, { path: base });
  if (shell.value === undefined) return { value: undefined, issues: shell.issues };
  const issues: DecodeIssue[] = [];
  const out: TlsConfiguration = {};
  const { certificates } = shell.value;
  // read the named elements from the input: the shell drops `name:` with no value (YAML null)
  const options = shell.value.options && rawRecord(section, 'options');
  const stores = shell.value.stores && rawRecord(section, 'stores');
  if (certificates !== undefined) {
    out.certificates = [];
    certificates.forEach((raw, i) => {
      const one = decodeWithSchema(TlsCertificateSchema, raw, { path: joinPath(joinPath(base, 'certificates'), i) });
      issues.push(...one.issues);
      if (one.value !== undefined) out.certificates!.push(one.value as TlsCertificateConfig);
    });
  }
  if (options !== undefined) out.options = decodeNamed<TlsOptionsConfig>(TlsOptionsSchema, options, joinPath(base, 'options'), issues);
  if (stores !== undefined) out.stores = decodeNamed<TlsStoreConfig>(TlsStoreSchema, stores, joinPath(base, 'stores'), issues);
  return { value: out, issues };
}

function decodeNamed<T>(
  schema: typeof TlsOptionsSchema | typeof TlsStoreSchema,
  elements: Record<string, unknown>,
  path: string,
  issues: DecodeIssue[],
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [name, raw] of Object.entries(elements)) {
    const one = decodeWithSchema(schema, raw ?? {}, { path: joinPath(path, name) });
    issues.push(...one.issues);
    if (one.value !== undefined) out[name] = one.value as T;
  }
  return out;
}

/** The section's record under `key`, its spellings merged case-insensitively as the decoder does. */
function rawRecord(section: unknown, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(section as Record<string, unknown>)) {
    if (k.toLowerCase() === key && value !== null && typeof value === 'object') Object.assign(out, value);
  }
  return out;
}
