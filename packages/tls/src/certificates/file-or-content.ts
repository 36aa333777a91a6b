import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Certificate, key and CA files are small; anything larger is refused, not read. */
export const MAX_PEM_FILE_BYTES = 1024 * 1024;

export type FileOrContentResult =
  | { ok: true; text: string; source: string }
  | { ok: false; source: string; reason: string };

/** PEM content written inline (Traefik's FileOrContent: a value that is not a path is content). */
export function isInlinePem(value: string): boolean {
  return value.includes('-----BEGIN ');
}

/** How a value is named in messages: its path, or `inline PEM` (never the secret itself). */
export function describeSource(value: string): string {
  return isInlinePem(value) ? 'inline PEM' : value;
}

/**
 * Reads a FileOrContent value: inline PEM is used as is; anything else is a path, read only if it
 * is a regular file of at most `MAX_PEM_FILE_BYTES` (opened non-blocking, so a FIFO or a device
 * never stalls the event loop). Never throws.
 */
export function readFileOrContent(value: string): FileOrContentResult {
  if (isInlinePem(value)) return { ok: true, text: value, source: 'inline PEM' };
  if (value.trim() === '') return { ok: false, source: value, reason: 'empty path' };
  let fd: number | undefined;
  try {
    fd = openSync(value, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, source: value, reason: 'not a regular file' };
    if (stat.size > MAX_PEM_FILE_BYTES) return { ok: false, source: value, reason: `larger than ${MAX_PEM_FILE_BYTES} bytes` };
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { ok: true, text: buffer.subarray(0, read).toString('utf8'), source: value };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, source: value, reason: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? err) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
