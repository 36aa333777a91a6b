import type { Diagnostic, DiagnosticSeverity } from '@wharf/config';

/**
 * Stable diagnostic codes of the Docker provider (documented in docs/docker.md). Label decoding
 * issues keep the shared codec's codes (`WHARF_CONFIG_UNKNOWN_KEY`, `WHARF_LABEL_IGNORED`, …).
 */
export const DockerDiagnosticCode = {
  noPort: 'DOCKER_NO_PORT',
  noAddress: 'DOCKER_NO_ADDRESS',
  networkNotFound: 'DOCKER_NETWORK_NOT_FOUND',
  linkedContainerNotFound: 'DOCKER_LINKED_CONTAINER_NOT_FOUND',
  conflict: 'DOCKER_CONFLICT',
  unsupportedFamily: 'DOCKER_TCP_UDP_UNSUPPORTED',
  constraintsInvalid: 'DOCKER_CONSTRAINTS_INVALID',
  ruleUndefined: 'DOCKER_RULE_UNDEFINED',
  routerServiceAmbiguous: 'DOCKER_ROUTER_SERVICE_AMBIGUOUS',
  tooManyServices: 'DOCKER_TOO_MANY_SERVICES',
  serverUrlConflict: 'DOCKER_SERVER_URL_WITH_PORT',
  unhealthy: 'DOCKER_CONTAINER_UNHEALTHY',
  draining: 'DOCKER_CONTAINER_DRAINING',
  invalidProviderLabel: 'DOCKER_PROVIDER_LABEL_INVALID',
  l4Label: 'DOCKER_L4_LABEL',
} as const;

export type DockerDiagnosticCode = (typeof DockerDiagnosticCode)[keyof typeof DockerDiagnosticCode];

export interface DiagnosticInput {
  /** a DockerDiagnosticCode, or a label codec code from @wharf/config */
  code: DockerDiagnosticCode | (string & {});
  severity: DiagnosticSeverity;
  message: string;
  key?: string;
  suggestion?: string;
  element?: Diagnostic['element'];
}

/** `provider`: the emitting provider's name (`docker`); `source`: the container(s) concerned. */
export function containerDiagnostic(provider: string, source: string, input: DiagnosticInput): Diagnostic {
  const diagnostic: Diagnostic = { provider, source, code: input.code, severity: input.severity, message: input.message };
  if (input.key !== undefined) diagnostic.key = input.key;
  if (input.suggestion !== undefined) diagnostic.suggestion = input.suggestion;
  if (input.element !== undefined) diagnostic.element = input.element;
  return diagnostic;
}
