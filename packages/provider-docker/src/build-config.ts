import type { Diagnostic, ProviderSnapshot } from '@wharf/config';
import { parseConstraints } from './constraints.js';
import { buildFragment, decodeLabelsFor, type Fragment } from './container-fragment.js';
import { baseName } from './container-name.js';
import { filterContainer } from './container-filter.js';
import type { ContainerData } from './docker-data.js';
import { containerDiagnostic, DockerDiagnosticCode as Code } from './diagnostics.js';
import { mergeFragments } from './merge-fragments.js';
import type { DockerProviderOptions } from './options.js';

export type BuildOptions = Pick<
  DockerProviderOptions,
  'exposedByDefault' | 'network' | 'defaultRule' | 'constraints' | 'allowEmptyServices' | 'useBindPortIP' | 'labelPrefix'
>;

export interface BuildEnvironment {
  /** address of `network_mode: host` containers (default 127.0.0.1) */
  hostAddress?: string;
}

/**
 * PURE: the full Docker snapshot from listed containers. Every skipped or partly rejected
 * container leaves a diagnostic; nothing is dropped silently.
 */
export function buildConfig(
  containers: readonly ContainerData[], options: BuildOptions, env: BuildEnvironment = {},
): ProviderSnapshot {
  const diagnostics: Diagnostic[] = [];
  const constraints = parseConstraints(options.constraints);
  if (!constraints.ok) {
    diagnostics.push({
      provider: 'docker', source: 'providers.docker.constraints', code: Code.constraintsInvalid, severity: 'error',
      message: `${constraints.error}; no container is kept`,
    });
  }
  const ctx = {
    containers, providerNetwork: options.network, useBindPortIP: options.useBindPortIP,
    hostAddress: env.hostAddress ?? '127.0.0.1', labelPrefix: options.labelPrefix, defaultRule: options.defaultRule,
  };
  const keyed: Array<[string, Fragment]> = [];
  for (const container of containers) {
    const labels = decodeLabelsFor(container, options.labelPrefix);
    const filter = filterContainer(container, {
      exposedByDefault: options.exposedByDefault, allowEmptyServices: options.allowEmptyServices,
      constraints: constraints.ok ? constraints.match : () => false,
      enableLabel: labels.provider.enable, allowNonRunningLabel: labels.provider.allowNonRunning,
      labelPrefix: options.labelPrefix,
    });
    if (filter.issue) diagnostics.push(containerDiagnostic(container.name, filter.issue));
    if (!filter.keep) continue;
    const result = buildFragment(container, labels, filter.emptyServers, ctx);
    diagnostics.push(...result.diagnostics);
    if (result.fragment) keyed.push([`${baseName(container)}-${container.id}`, result.fragment]);
  }
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const merged = mergeFragments(keyed.map(([, f]) => f));
  return { config: merged.config, diagnostics: [...diagnostics, ...merged.diagnostics] };
}
