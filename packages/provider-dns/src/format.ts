/** `30000` → `30s`, `1500` → `1.5s`, `120000` → `2m`, `250` → `250ms`: for messages. */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms >= 1000 || ms === 0) return `${Math.round(ms / 100) / 10}s`;
  return `${ms}ms`;
}

export function formatTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** `a, b, c (+7 more)`: a bounded list for one message. */
export function sample(items: readonly string[], total = items.length, max = 10): string {
  const shown = items.slice(0, max).join(', ');
  return total > Math.min(items.length, max) ? `${shown} (+${total - Math.min(items.length, max)} more)` : shown;
}

/** `10.0.0.1:80`, `[fd00::1]:80` */
export function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
