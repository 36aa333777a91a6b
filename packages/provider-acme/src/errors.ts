import { defineError } from '@wharf/config';

/** `acme.json` cannot be parsed or has the wrong shape: the resolver starts with no stored state. */
export const AcmeStorageError = defineError('WHARF_ACME_STORAGE', 500, (file: string, detail: string) =>
  `${file}: ${detail}`);

/** Obtaining or renewing a certificate failed (CA unreachable, validation failed); retried with backoff. */
export const AcmeOrderError = defineError('WHARF_ACME_ORDER', 502, (resolver: string, domains: string, reason: string) =>
  `resolver ${resolver}: cannot obtain a certificate for ${domains}: ${reason}`);
