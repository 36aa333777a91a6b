import { readFileSync } from 'node:fs';
import { MiddlewareErrors } from '../errors.js';

/**
 * `users` lines plus the lines of `usersFile` (read once per generation), as Traefik: the file
 * comes first and inline users override it; blank lines and `#` comments are skipped.
 */
export function loadUserLines(users: readonly string[] | undefined, usersFile: string | undefined, middleware: string): string[] {
  const lines: string[] = [];
  if (usersFile) {
    let text: string;
    try {
      text = readFileSync(usersFile, 'utf8');
    } catch (err) {
      throw MiddlewareErrors.invalidOptions(middleware, `cannot read usersFile ${usersFile}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    lines.push(...text.split(/\r?\n/));
  }
  lines.push(...(users ?? []));
  return lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** `user:hash` lines → map (the last entry for a user wins). */
export function parseHtpasswd(lines: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i), line.slice(i + 1));
  }
  return out;
}
