import type { ConstraintMatcher } from '../labels/constraints.js';
import type { ContainerData } from './container-data.js';
import type { DiagnosticInput } from './diagnostics.js';
import { DockerDiagnosticCode as Code } from './diagnostics.js';

export interface FilterInput {
  exposedByDefault: boolean;
  allowEmptyServices: boolean;
  constraints: ConstraintMatcher;
  enableLabel?: string;
  allowNonRunningLabel?: string;
  labelPrefix: string;
}

export type FilterResult =
  | { keep: false; issue?: DiagnosticInput }
  /** `emptyServers`: keep routers and services but add no server (503 rather than 404) */
  | { keep: true; emptyServers: boolean; issue?: DiagnosticInput };

/** Traefik `keepContainer` order (reference §1.6), plus wharf's drain on `kill`/`stop`. */
export function filterContainer(container: ContainerData, input: FilterInput): FilterResult {
  const enable = parseFlag(input.enableLabel, input.exposedByDefault);
  if (enable === undefined) {
    return { keep: false, issue: invalidFlag(`${input.labelPrefix}.enable`, input.enableLabel!) };
  }
  if (!enable || !input.constraints(container.labels)) return { keep: false };
  const allowNonRunning = parseFlag(input.allowNonRunningLabel, false);
  const running = container.status === 'running' && !container.draining;
  if (allowNonRunning) return { keep: true, emptyServers: !running };
  if (container.status !== 'running') return { keep: false };
  if (container.draining) {
    return { keep: false, issue: { code: Code.draining, severity: 'info', message: 'container is stopping; drained from its services' } };
  }
  if (container.health && container.health !== 'healthy') {
    const issue: DiagnosticInput = {
      code: Code.unhealthy, severity: 'info',
      message: `container health is "${container.health}"; ` +
        (input.allowEmptyServices ? 'its services are kept without this server' : 'its routers and services are excluded until it is healthy'),
    };
    return input.allowEmptyServices ? { keep: true, emptyServers: true, issue } : { keep: false, issue };
  }
  return { keep: true, emptyServers: false };
}

function parseFlag(raw: string | undefined, fallback: boolean): boolean | undefined {
  if (raw === undefined) return fallback;
  const lower = raw.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}

function invalidFlag(key: string, value: string): DiagnosticInput {
  return {
    code: Code.invalidProviderLabel, severity: 'error', key,
    message: `\`${key}\` expects true or false, got "${value}"; the container is skipped`, suggestion: `${key}=true`,
  };
}
