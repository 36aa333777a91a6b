import { invalidRequest } from './errors.js';

const defaultPerPage = 100;

export interface Page<T> {
  items: T[];
  /** next page number, or 1 when this is the last page (Traefik's `X-Next-Page`) */
  nextPage: number;
}

/** A positive integer query parameter, else a 400 (Traefik `getIntParam`). */
function positiveIntParam(query: Record<string, unknown>, key: string, fallback: number): number {
  const raw = firstValue(query[key]);
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value <= 0) throw invalidRequest(`${key}: ${raw}`);
  return value;
}

/** Slice one page; a page that starts beyond the end (except page 1) is a 400. */
export function paginate<T>(all: T[], query: Record<string, unknown>): Page<T> {
  const perPage = positiveIntParam(query, 'per_page', defaultPerPage);
  const page = positiveIntParam(query, 'page', 1);
  const start = (page - 1) * perPage;
  if (start !== 0 && start >= all.length) throw invalidRequest(`page: ${page}, per_page: ${perPage}`);
  const nextPage = page * perPage < all.length ? page + 1 : 1;
  return { items: all.slice(start, start + perPage), nextPage };
}

/** Query values may repeat (`?a=1&a=2`); list filters use the first. */
export function firstValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return firstValue(value[0]);
  return typeof value === 'string' ? value : undefined;
}
