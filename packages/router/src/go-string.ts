/** An invalid escape in a double-quoted literal; `offset` is relative to the literal's body. */
export class GoStringError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'GoStringError';
    this.offset = offset;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Decodes the body of a Go interpreted (double-quoted) string literal: \a \b \f \n \r \t \v \\ \"
 * \xHH (a byte), \ooo (octal byte), \uHHHH and \UHHHHHHHH. Byte escapes are assembled as UTF-8.
 */
export function decodeGoString(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) out += Buffer.from(bytes).toString('utf8');
    bytes = [];
  };
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\') {
      flush();
      out += raw[i];
      continue;
    }
    const kind = raw[i + 1];
    if (kind !== undefined && kind in SIMPLE_ESCAPES) {
      flush();
      out += SIMPLE_ESCAPES[kind];
      i++;
    } else if (kind !== undefined && /[0-7]/.test(kind)) {
      const digits = raw.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) throw new GoStringError('invalid octal escape', i);
      bytes.push(parseInt(digits, 8));
      i += 3;
    } else if (kind !== undefined && kind in HEX_LENGTH) {
      const n = HEX_LENGTH[kind];
      const digits = raw.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) throw new GoStringError(`invalid \\${kind} escape`, i);
      const code = parseInt(digits, 16);
      if (kind === 'x') {
        bytes.push(code);
      } else {
        if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) throw new GoStringError('invalid Unicode code point', i);
        flush();
        out += String.fromCodePoint(code);
      }
      i += 1 + n;
    } else {
      throw new GoStringError(`unknown escape sequence \\${kind ?? ''}`, i);
    }
  }
  flush();
  return out;
}
