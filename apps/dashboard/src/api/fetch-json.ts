export interface ApiResult<T> {
  data: T;
  /** `X-Next-Page` (1 on the last page), or undefined for non-list endpoints */
  nextPage?: number;
}

class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** GET JSON; a non-2xx answer becomes an ApiError carrying the API's `message`. */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<ApiResult<T>> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, signal });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const message = (body as { message?: unknown } | undefined)?.message;
    throw new ApiError(res.status, typeof message === 'string' ? message : text || res.statusText);
  }
  const next = res.headers.get('x-next-page');
  return { data: body as T, nextPage: next ? Number(next) : undefined };
}
