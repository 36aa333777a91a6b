/** The API base injected by the server (`<meta name="wharf-base" content="/sub/">`), default `../`. */
export function apiBase(doc: Document = document): string {
  const content = doc.querySelector('meta[name="wharf-base"]')?.getAttribute('content')?.trim();
  if (!content) return '../';
  return content.endsWith('/') ? content : `${content}/`;
}

export type Params = Record<string, string | number | undefined>;

/** `apiUrl('api/http/routers', { status: 'enabled' })` under the base; empty params dropped. */
export function apiUrl(path: string, params: Params = {}, base: string = apiBase()): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') query.set(k, String(v));
  }
  const qs = query.toString();
  return `${base}${path.replace(/^\/+/, '')}${qs ? `?${qs}` : ''}`;
}

/** Path segment for a qualified name (`foo/bar@p` → `foo%2Fbar%40p`). */
export const nameSegment = (name: string): string => encodeURIComponent(name);
