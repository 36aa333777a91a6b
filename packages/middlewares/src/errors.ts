import { defineError } from '@wharf/config';

/**
 * Coded errors of the middlewares package (branch on `code`). Request-path refusals (401, 403,
 * 413, 429, …) are answered as responses, not thrown; only `create` throws, on options the
 * schema cannot judge (bad regex, CIDR, expression, unreadable usersFile).
 */
export const MiddlewareErrors = {
  invalidOptions: defineError('WHARF_MIDDLEWARE_OPTIONS', 500, (name: string, detail: string) => `middleware ${name}: ${detail}`),
} as const;
