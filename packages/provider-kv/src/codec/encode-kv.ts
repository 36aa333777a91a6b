import type { DynamicConfig } from '@wharf/config';
import { KvDiagnosticCode, rootPrefix, type KvPair } from './kv-pair.js';

export interface EncodeIssue {
  code: string;
  key: string;
  message: string;
}

export interface EncodedKv {
  pairs: KvPair[];
  issues: EncodeIssue[];
}

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar => ['string', 'number', 'boolean'].includes(typeof value);

/**
 * The reverse of `decodeKv` (for `wharf kv put`): a dynamic configuration → Traefik's KV
 * layout. Objects nest by `/`; a list of scalars becomes `…/0`, `…/1`; a list of objects
 * `…/0/field`; an empty object is its key with an empty value (`…/tls` = ``, enables TLS). Keys
 * keep the configuration's spelling (both readers match them case-insensitively). Lists of more
 * than ten items get zero-padded indexes (`/00` … `/10`) so that the lexical order Traefik and
 * wharf read them in is the written order. Empty lists and null values write nothing.
 */
export function encodeKv(config: DynamicConfig, rootKey: string): EncodedKv {
  const out: EncodedKv = { pairs: [], issues: [] };
  walk(out, rootPrefix(rootKey).slice(0, -1), config, 0);
  return out;
}

/** `depth` 0 is the configuration, 1 a protocol (`http`), 2 a section (`routers`), 3 an element. */
function walk(out: EncodedKv, key: string, value: unknown, depth: number): void {
  if (value === null || value === undefined) return;
  if (isScalar(value)) {
    out.pairs.push({ key, value: String(value) });
    return;
  }
  if (Array.isArray(value)) {
    const width = value.length > 10 ? String(value.length - 1).length : 1;
    value.forEach((item, i) => {
      const itemKey = `${key}/${String(i).padStart(width, '0')}`;
      if (isScalar(item) && String(item).includes(',')) {
        const message = `${itemKey}: the list item "${String(item)}" contains a comma, which Traefik's KV layout splits into several items`;
        out.issues.push({ code: KvDiagnosticCode.notEncodable, key: itemKey, message });
      }
      walk(out, itemKey, item, depth + 1);
    });
    return;
  }
  if (typeof value !== 'object') {
    out.issues.push({ code: KvDiagnosticCode.notEncodable, key, message: `${key}: a ${typeof value} cannot be written as a KV value` });
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length === 0) {
    // an empty protocol or section writes nothing; an empty element or option object is a presence key
    if (depth >= 3) out.pairs.push({ key, value: '' });
    return;
  }
  for (const [name, child] of entries) {
    if (name === '' || name.includes('/')) {
      const message = `${key}: the name "${name}" cannot be a KV key segment (empty or containing "/")`;
      out.issues.push({ code: KvDiagnosticCode.notEncodable, key: `${key}/${name}`, message });
      continue;
    }
    walk(out, `${key}/${name}`, child, depth + 1);
  }
}
