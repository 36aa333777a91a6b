import { defineError } from '@wharf/config';

/** Coded errors of the runtime (see docs/errors.md). Branch on `code`. */
export const RuntimeErrors = {
  /** a chain (or resolveMiddlewares call) names a middleware that is missing or disabled */
  unknownMiddleware: defineError('WHARF_RUNTIME_UNKNOWN_MIDDLEWARE', 500, (name: string) => `middleware "${name}" does not exist`),
  /** a middleware is disabled (invalid options, or its `create` failed) */
  middlewareDisabled: defineError('WHARF_RUNTIME_MIDDLEWARE_DISABLED', 500, (name: string, reason: string) => `middleware "${name}" is disabled${reason}`),
  /** a chain includes itself, directly or through other chains */
  middlewareCycle: defineError('WHARF_RUNTIME_MIDDLEWARE_CYCLE', 500, (path: string) => `middleware cycle: ${path}`),
  /** a provider's start() returned before wharf stopped it (its source went away without an error) */
  providerEnded: defineError('WHARF_PROVIDER_ENDED', 503, (provider: string) => `provider ${provider} stopped before wharf did (its source went away)`),
  /** a provider's start() threw an error without a wharf code (a bug or an unexpected failure) */
  providerFailed: defineError('WHARF_PROVIDER_FAILED', 500, (provider: string, reason: string) => `provider ${provider} failed: ${reason}`),
  /** apply() or current() after close() */
  closed: defineError('WHARF_RUNTIME_CLOSED', 500, () => 'runtime is closed'),
} as const;
