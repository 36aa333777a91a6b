import type { Diagnostic, ProviderSnapshot } from '@wharf/config';
import { parseConstraints } from '../labels/constraints.js';
import { decodeLabelSet } from '../labels/decode-labels.js';
import { baseName } from './base-name.js';
import type { ContainerData } from './container-data.js';
import { filterContainer } from './container-filter.js';
import { buildFragment, type Fragment } from './container-fragment.js';
import { containerDiagnostic, DockerDiagnosticCode as Code } from './diagnostics.js';
import { mergeFragments } from './merge-fragments.js';

/** The label-driven static options (Traefik's names; `providers.docker.*` fills them). */
export interface BuildOptions {
  exposedByDefault: boolean;
  /** `providers.<provider>.network` */
  network: string;
  defaultRule: string;
  constraints: string;
  allowEmptyServices: boolean;
  useBindPortIP: boolean;
  labelPrefix: string;
}

export interface BuildEnvironment {
  /** address of `network_mode: host` containers (default 127.0.0.1) */
  hostAddress?: string;
  /** name on diagnostics and of the `<prefix>.<provider>.*` label family (default `docker`) */
  provider?: string;
}

/**
 * PURE: the full Docker snapshot from listed containers. Every skipped or partly rejected
 * container leaves a diagnostic; nothing is dropped silently.
 */
export function buildConfig(
  containers: readonly ContainerData[], options: BuildOptions, env: BuildEnvironment = {},
): ProviderSnapshot {
  const provider = env.provider ?? 'docker';
  const diagnostics: Diagnostic[] = [];
  const constraints = parseConstraints(options.constraints);
  if (!constraints.ok) {
    diagnostics.push(containerDiagnostic(provider, `providers.${provider}.constraints`, {
      code: Code.constraintsInvalid, severity: 'error', message: `${constraints.error}; no container is kept`,
    }));
  }
  const ctx = {
    provider, containers, providerNetwork: options.network, useBindPortIP: options.useBindPortIP,
    hostAddress: env.hostAddress ?? '127.0.0.1', labelPrefix: options.labelPrefix, defaultRule: options.defaultRule,
  };
  const keyed: Array<[string, Fragment]> = [];
  for (const container of containers) {
    const labels = decodeLabelSet(container.labels, options.labelPrefix, provider);
    const filter = filterContainer(container, {
      exposedByDefault: options.exposedByDefault, allowEmptyServices: options.allowEmptyServices,
      constraints: constraints.ok ? constraints.match : () => false,
      enableLabel: labels.provider.enable, allowNonRunningLabel: labels.provider.allowNonRunning,
      labelPrefix: options.labelPrefix,
    });
    if (filter.issue) diagnostics.push(containerDiagnostic(provider, container.name, filter.issue));
    if (!filter.keep) continue;
    const result = buildFragment(container, labels, filter.emptyServers, ctx);
    diagnostics.push(...result.diagnostics);
    if (result.fragment) keyed.push([`${baseName(container)}-${container.id}`, result.fragment]);
  }
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const merged = mergeFragments(keyed.map(([, f]) => f), provider);
  return { config: merged.config, diagnostics: [...diagnostics, ...merged.diagnostics] };
}
