import { defineError } from '@wharf/config';

/** Coded errors of the data plane (documented in docs/errors.md). */
export const ProxyErrors = {
  /** the entrypoint could not bind its address (EADDRINUSE, EACCES, …) */
  listen: defineError(
    'WHARF_ENTRYPOINT_LISTEN',
    500,
    (entryPoint: string, address: string, reason: string) => `entryPoint ${entryPoint}: address ${address} ${reason}`,
  ),
  /** the request target cannot be routed (bad percent-escape, …) */
  badRequest: defineError('WHARF_BAD_REQUEST', 400, (detail: string) => `bad request: ${detail}`),
  /** a compiled handler threw instead of answering */
  handlerFailed: defineError('WHARF_HANDLER_FAILED', 500, (detail: string) => `handler failed: ${detail}`),
  /** the server URL of a forward target is not a usable http:// URL */
  badServerURL: defineError('WHARF_BAD_SERVER_URL', 502, (url: string) => `bad server URL: ${url}`),
} as const;
