import type { ElementStatus, ServerState, ServiceHealth } from '@wharf/config';

const statusLabels: Record<ElementStatus, string> = { enabled: 'Success', warning: 'Warning', disabled: 'Error' };

export function StatusBadge({ status, errors }: { status: ElementStatus | string | undefined; errors?: string[] }) {
  const s = (status ?? 'enabled') as ElementStatus;
  const title = errors && errors.length > 0 ? errors.join('\n') : undefined;
  return (
    <span className={`badge badge-${s}`} title={title}>
      {statusLabels[s] ?? s}
    </span>
  );
}

export function ServerStateBadge({ state }: { state: ServerState | undefined }) {
  const s = state ?? 'DOWN';
  return <span className={`badge badge-${s === 'UP' ? 'enabled' : 'disabled'}`}>{s}</span>;
}

const healthClass: Record<ServiceHealth, string> = { healthy: 'enabled', degraded: 'warning', down: 'disabled', unknown: 'muted' };

export function HealthBadge({ health, label }: { health: ServiceHealth; label?: string }) {
  return <span className={`badge badge-${healthClass[health]}`}>{label ?? health}</span>;
}
