/**
 * Traefik's routing path: the escaped request path with percent-escapes of non-reserved
 * characters decoded (`%20` → space, `%C3%A9` → é) and RFC 3986 reserved ones kept encoded
 * (`%2F` stays, so an encoded slash never becomes a segment boundary). Kept escapes are
 * upper-cased (Traefik keeps lower-case ones only by accident of Go's map lookup, and then decodes
 * them). Returns null for a malformed escape: the proxy answers 400.
 */
export function routingPath(rawPath: string): string | null {
  if (!rawPath.includes('%')) return rawPath;
  let out = '';
  let bytes: number[] = [];
  for (let i = 0; i < rawPath.length; i++) {
    const ch = rawPath[i];
    if (ch !== '%') {
      if (bytes.length > 0) out += flush(bytes);
      bytes = [];
      out += ch;
      continue;
    }
    const code = hexByte(rawPath, i + 1);
    if (code < 0) return null;
    i += 2;
    if (RESERVED.has(code)) {
      if (bytes.length > 0) out += flush(bytes);
      bytes = [];
      out += `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      bytes.push(code);
    }
  }
  if (bytes.length > 0) out += flush(bytes);
  return out;
}

/** RFC 3986 gen-delims and sub-delims, plus `%` itself */
const RESERVED = new Set([...":/?#[]@!$&'()*+,;=%"].map((c) => c.charCodeAt(0)));

function hexByte(text: string, at: number): number {
  if (at + 2 > text.length) return -1;
  const hi = hexDigit(text.charCodeAt(at));
  const lo = hexDigit(text.charCodeAt(at + 1));
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** decoded bytes as UTF-8 (invalid sequences become U+FFFD) */
function flush(bytes: number[]): string {
  return bytes.every((b) => b < 0x80) ? String.fromCharCode(...bytes) : Buffer.from(bytes).toString('utf8');
}
