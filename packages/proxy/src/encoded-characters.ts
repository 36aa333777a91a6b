/**
 * Entrypoint `http.encodedCharacters` (Traefik v3.6.4+, defaults `true` since v3.6.7): each
 * `allowEncoded*: false` makes a request whose path carries that escape answer 400 once routed
 * (Traefik checks on the router, so an unmatched request still gets 404). The query is never checked.
 */
export interface EncodedCharactersOptions {
  /** `%2F` */
  allowEncodedSlash?: boolean;
  /** `%5C` */
  allowEncodedBackSlash?: boolean;
  /** `%00` */
  allowEncodedNullCharacter?: boolean;
  /** `%3B` */
  allowEncodedSemicolon?: boolean;
  /** `%25` */
  allowEncodedPercent?: boolean;
  /** `%3F` */
  allowEncodedQuestionMark?: boolean;
  /** `%23` */
  allowEncodedHash?: boolean;
}

const ESCAPES: ReadonlyArray<[keyof EncodedCharactersOptions, string]> = [
  ['allowEncodedSlash', '%2F'],
  ['allowEncodedBackSlash', '%5C'],
  ['allowEncodedNullCharacter', '%00'],
  ['allowEncodedSemicolon', '%3B'],
  ['allowEncodedPercent', '%25'],
  ['allowEncodedQuestionMark', '%3F'],
  ['allowEncodedHash', '%23'],
];

/** The denied escapes (upper-case), or undefined when every one is allowed (the default). */
export function deniedEscapes(options: EncodedCharactersOptions | undefined): ReadonlySet<string> | undefined {
  if (options === undefined) return undefined;
  const denied = new Set<string>();
  for (const [key, escape] of ESCAPES) if (options[key] === false) denied.add(escape);
  return denied.size === 0 ? undefined : denied;
}

/**
 * The first denied escape in a path whose escapes are already upper-cased (see
 * `normalizeEscapes`), or undefined.
 */
export function deniedEscapeIn(path: string, denied: ReadonlySet<string>): string | undefined {
  for (let i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 3)) {
    const escape = path.slice(i, i + 3);
    if (denied.has(escape)) return escape;
  }
  return undefined;
}
