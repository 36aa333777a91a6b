const HTML_TAGS = ['!DOCTYPE HTML', 'HTML', 'HEAD', 'SCRIPT', 'IFRAME', 'H1', 'DIV', 'FONT', 'TABLE', 'A', 'STYLE', 'TITLE', 'B', 'BODY', 'BR', 'P', '!--'];

const MAGIC: Array<[string | number[], string]> = [
  ['%PDF-', 'application/pdf'],
  ['%!PS-Adobe-', 'application/postscript'],
  ['GIF87a', 'image/gif'],
  ['GIF89a', 'image/gif'],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
  [[0xff, 0xd8, 0xff], 'image/jpeg'],
  ['BM', 'image/bmp'],
  [[0x1f, 0x8b, 0x08], 'application/x-gzip'],
  [[0x50, 0x4b, 0x03, 0x04], 'application/zip'],
  [[0x00, 0x61, 0x73, 0x6d], 'application/wasm'],
  ['OggS\x00', 'application/ogg'],
  [[0xfe, 0xff], 'text/plain; charset=utf-16be'],
  [[0xff, 0xfe], 'text/plain; charset=utf-16le'],
  [[0xef, 0xbb, 0xbf], 'text/plain; charset=utf-8'],
];

function startsWith(data: Buffer, sig: string | number[]): boolean {
  const bytes = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
  return data.length >= bytes.length && data.subarray(0, bytes.length).equals(bytes);
}

/** A subset of Go's http.DetectContentType (WHATWG sniffing) over the first 512 bytes. */
export function detectContentType(body: Buffer): string {
  const data = body.subarray(0, 512);
  const text = data.toString('latin1').replace(/^[\t\n\x0c\r ]+/, '');
  const upper = text.toUpperCase();
  for (const tag of HTML_TAGS) {
    if (upper.startsWith(`<${tag}`) && /^[ >]/.test(upper.slice(tag.length + 1))) return 'text/html; charset=utf-8';
  }
  if (text.startsWith('<?xml')) return 'text/xml; charset=utf-8';
  if (data.length >= 12 && startsWith(data, 'RIFF') && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  for (const [sig, type] of MAGIC) if (startsWith(data, sig)) return type;
  const binary = data.some((b) => b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f));
  return binary ? 'application/octet-stream' : 'text/plain; charset=utf-8';
}
