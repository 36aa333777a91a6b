import { defineError } from '@wharf/config';

/** The store cannot be reached or went away; the provider runner restarts the provider with backoff. */
export const KvUnavailableError = defineError('WHARF_KV_UNAVAILABLE', 503, (store: string, reason: string) =>
  `${store} is unavailable: ${reason}`);

/** Invalid provider options (an endpoint that is not host:port, a TLS file that cannot be read). */
export const KvOptionsError = defineError('WHARF_KV_OPTIONS', 500, (provider: string, detail: string) =>
  `providers.${provider}: ${detail}`);

/** `wharf kv put`: the store refused a write. */
export const KvWriteError = defineError('WHARF_KV_WRITE', 503, (store: string, reason: string) =>
  `cannot write to ${store}: ${reason}`);

export function unavailable(store: string, cause: unknown) {
  const err = KvUnavailableError(store, cause instanceof Error ? cause.message : String(cause));
  (err as Error).cause = cause;
  return err;
}
