/** One header field as Node keeps it, on requests (`IncomingHttpHeaders`) and responses (`OutgoingHttpHeaders`). */
export type HeaderField = string | number | string[] | undefined;

/** A header map with lower-case names (both Node header types fit it). */
export type HeaderMap = Record<string, HeaderField>;

/**
 * One header field as a single string: a list is joined with `separator` (`, ` as RFC 9110
 * §5.3; pass `; ` for Cookie, RFC 6265 §5.4), a number is written as text.
 */
export function headerValue(value: HeaderField, separator = ', '): string | undefined {
  if (typeof value === 'string' || value === undefined) return value;
  return Array.isArray(value) ? value.join(separator) : String(value);
}

/** A header of a request or response by name, any case (maps hold lower-case names), as one string. */
export function readHeader(headers: HeaderMap, name: string): string | undefined {
  return headerValue(headers[name.toLowerCase()]);
}

/** Adds a value after the existing ones (Go's `Header.Add`, e.g. a second Set-Cookie), never replacing them. */
export function appendHeader(headers: HeaderMap, name: string, value: string): void {
  const current = headers[name];
  if (current === undefined) headers[name] = value;
  else if (Array.isArray(current)) headers[name] = [...current, value];
  else headers[name] = [String(current), value];
}
