function parseQValues(header: string): Map<string, number> {
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name.trim()) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  return q;
}

/**
 * Picks the response encoding: the highest q among `supported` (ties go to the server's order);
 * without the header, or when only `*` matches, `defaultEncoding` (Traefik) or the first supported.
 */
export function negotiateEncoding(header: string | undefined, supported: readonly string[], defaultEncoding?: string): string | undefined {
  const fallback = defaultEncoding && supported.includes(defaultEncoding) ? defaultEncoding : undefined;
  if (header === undefined || header.trim() === '') return fallback;
  const q = parseQValues(header);
  let best: string | undefined;
  let bestQ = 0;
  for (const enc of supported) {
    const v = q.get(enc) ?? 0;
    if (v > bestQ) [best, bestQ] = [enc, v];
  }
  if (best !== undefined) return best;
  if ((q.get('*') ?? 0) <= 0) return undefined;
  const unlisted = supported.filter((e) => !q.has(e));
  return fallback && unlisted.includes(fallback) ? fallback : unlisted[0];
}
