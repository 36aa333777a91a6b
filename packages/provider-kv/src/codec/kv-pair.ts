/** One key of a KV store and its value, as listed under the root key (`traefik/http/routers/r/rule`). */
export interface KvPair {
  key: string;
  value: string;
}

/** Stable diagnostic codes of the KV codec (see docs/kv.md and docs/errors.md). */
export const KvDiagnosticCode = {
  /** a listed key that does not start with `<rootKey>/` */
  outsideRoot: 'WHARF_KV_OUTSIDE_ROOT',
  /** a key under the root that is not `http|tcp|udp|tls/<section>/…` */
  badKey: 'WHARF_KV_BAD_KEY',
  /** a key that is both a value and the parent of other keys (`…/rule` and `…/rule/x`) */
  clash: 'WHARF_KV_CLASH',
  /** a key or value over the codec's size bound */
  tooLarge: 'WHARF_KV_TOO_LARGE',
  /** `wharf kv put`: a value that Traefik's layout cannot carry as written (a comma in a list item, `/` in a name) */
  notEncodable: 'WHARF_KV_NOT_ENCODABLE',
} as const;

/** Bounds: a value over 1 MiB or a key over 4 KiB is skipped with a diagnostic. */
export const MAX_VALUE_BYTES = 1024 * 1024;
export const MAX_KEY_LENGTH = 4096;

/** `traefik/` for `traefik`, `traefik/` for `traefik/`: the prefix every key must start with. */
export function rootPrefix(rootKey: string): string {
  return `${rootKey.replace(/\/+$/, '')}/`;
}
