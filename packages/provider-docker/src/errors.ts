import { defineError } from '@wharf/config';

/** The Docker engine cannot be reached or answered with an error; the provider retries with backoff. */
export const DockerUnavailableError = defineError('WHARF_DOCKER_UNAVAILABLE', 503, (endpoint: string, reason: string) =>
  `Docker engine at ${endpoint} is unavailable: ${reason}`);

export function dockerError(endpoint: string, cause: unknown) {
  return DockerUnavailableError.withCause(cause, endpoint, cause instanceof Error ? cause.message : String(cause));
}
