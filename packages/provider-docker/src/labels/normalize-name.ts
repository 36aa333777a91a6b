/** Traefik `normalize`: every run of non-alphanumerics becomes `-`, trimmed at both ends. */
export function normalizeName(name: string): string {
  return name
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
