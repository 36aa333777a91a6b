/**
 * Turns re2js's parse error (Go's wording: `missing closing )`, `invalid escape sequence`, with
 * the offending text) into the reason shown after `invalid regexp "…":`, naming what RE2 does
 * not support and where.
 */
interface SyntaxErrorLike {
  error?: unknown;
  input?: unknown;
  message?: unknown;
}

export function explainSyntaxError(source: string, err: unknown): string {
  const { error, input, message } = (err ?? {}) as SyntaxErrorLike;
  if (typeof error !== 'string') return typeof message === 'string' ? message : 'cannot compile';
  const text = typeof input === 'string' ? input : '';
  return `${hint(error, text) ?? error}${text === '' ? '' : `: \`${text}\``}${offset(source, text)}`;
}

function hint(error: string, text: string): string | undefined {
  if (/^\\[1-9]/.test(text) || text.startsWith('\\k')) return 'back-references are not supported (RE2 syntax)';
  if (/^\(\?(?:=|!|<=|<!)/.test(text)) return 'lookaround is not supported (RE2 syntax)';
  if (error.startsWith('invalid or unsupported Perl syntax') && /^\(\?[a-zA-Z-]/.test(text)) {
    return `${error} (flags are i, m, s, U)`;
  }
  return undefined;
}

/** ` at offset N` when the offending text occurs exactly once in a longer source */
function offset(source: string, text: string): string {
  if (text === '' || text === source) return '';
  const at = source.indexOf(text);
  return at !== -1 && source.indexOf(text, at + 1) === -1 ? ` at offset ${at}` : '';
}
