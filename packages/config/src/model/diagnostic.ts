/**
 * A provider's account of what it skipped or partly rejected, kept on the runtime view so users
 * see label typos, missing ports, wrong networks and conflicts in the API and dashboard, not
 * only in logs.
 */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** provider name, e.g. `docker`, `file` */
  provider: string;
  /** where it came from: a container name, a file path with `:line:col`, a flag */
  source: string;
  /** stable code, e.g. `LABEL_UNKNOWN_KEY`, `DOCKER_NO_PORT` (see docs/errors.md) */
  code: string;
  severity: DiagnosticSeverity;
  message: string;
  /** the offending key (label, file key path) when there is one */
  key?: string;
  /** "did you mean …" candidate */
  suggestion?: string;
  /**
   * the element concerned, name unqualified as the provider knows it; a qualified name
   * (`name@provider`) references another provider's element, and an error diagnostic naming a
   * router that way is shown in that router's `error` list (an ACME resolver's failed order)
   */
  element?: { kind: 'router' | 'service' | 'middleware' | 'container' | 'file'; name: string };
}
