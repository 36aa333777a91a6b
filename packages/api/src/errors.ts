import { defineError } from '@wharf/config';

/** Coded API errors; the reply body is Traefik's `{"message": "..."}`. */
export const invalidRequest = defineError('WHARF_API_INVALID_REQUEST', 400, (detail: string) => `invalid request: ${detail}`);

export const elementNotFound = defineError(
  'WHARF_API_NOT_FOUND',
  404,
  (kind: string, name: string) => `${kind} not found: ${name}`,
);

export const apiErrorCodes = [invalidRequest.code, elementNotFound.code] as const;
