import { defineError } from '@wharf/config';

/** Coded errors of the middlewares package. Branch on `code`. */
export const MiddlewareErrors = {
  /** options rejected by a middleware's `create` beyond what the schema can express */
  invalidOptions: defineError('WHARF_MIDDLEWARE_OPTIONS', 500, (name: string, detail: string) => `middleware ${name}: ${detail}`),
  /** a middleware type key that no definition registers */
  unknownType: defineError('WHARF_MIDDLEWARE_UNKNOWN_TYPE', 500, (key: string) => `unknown middleware type ${key}`),
  /** request body above a configured maximum */
  bodyTooLarge: defineError('WHARF_REQUEST_BODY_TOO_LARGE', 413, (limit: number) => `request body larger than ${limit} bytes`),
  /** the forward-auth server could not be reached */
  authUnreachable: defineError('WHARF_FORWARD_AUTH_UNREACHABLE', 500, (detail: string) => `forward auth failed: ${detail}`),
  /** the errors middleware could not find its service */
  errorPageService: defineError('WHARF_ERROR_PAGE_SERVICE', 500, (name: string) => `error page service ${name} not found`),
} as const;
