/**
 * Go `url.ParseQuery` semantics over a raw query string, without building a map: pairs split on
 * `&`; a pair containing `;` or a malformed escape is skipped; `+` means space; a key without `=`
 * has the value ''. Calls `test` for every value of `key`; stops at the first true.
 */
export function someQueryValue(query: string, key: string, test: (value: string) => boolean): boolean {
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    if (end > start && pairValueMatches(query, start, end, key, test)) return true;
    start = end + 1;
  }
  return false;
}

function pairValueMatches(
  query: string,
  start: number,
  end: number,
  key: string,
  test: (value: string) => boolean,
): boolean {
  let eq = query.indexOf('=', start);
  if (eq === -1 || eq > end) eq = end;
  if (!sameKey(query, start, eq, key)) return false;
  const semicolon = query.indexOf(';', start);
  if (semicolon !== -1 && semicolon < end) return false;
  const value = eq === end ? '' : queryUnescape(query.slice(eq + 1, end));
  return value !== null && test(value);
}

/** whether query[start, end) decodes to `key`; slices only for escaped keys */
function sameKey(query: string, start: number, end: number, key: string): boolean {
  if (end - start === key.length && query.startsWith(key, start)) return true;
  const rawKey = query.slice(start, end);
  if (!rawKey.includes('%') && !rawKey.includes('+')) return false;
  return queryUnescape(rawKey) === key;
}

/** Go `url.QueryUnescape`: `+` → space, `%XX` → byte (UTF-8 assembled); null when malformed */
function queryUnescape(raw: string): string | null {
  if (!raw.includes('%') && !raw.includes('+')) return raw;
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (ch === 0x25) {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (ch === 0x2b) {
      bytes.push(0x20);
    } else if (ch < 0x80) {
      bytes.push(ch);
    } else {
      for (const b of Buffer.from(raw[i], 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
