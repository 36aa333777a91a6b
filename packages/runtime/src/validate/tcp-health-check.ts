import { parseDuration } from '@wharf/config';
import { MAX_TCP_PAYLOAD_BYTES } from '@wharf/loadbalancer';
import { addError, type ElementState } from './element-state.js';
import { isRecord, L4Messages } from './l4-shape.js';

function durationOk(value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  try {
    parseDuration(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * `loadBalancer.healthCheck` of a TCP service: an object with `port` (1–65535), `send` and
 * `expect` (strings), `interval`, `unhealthyInterval`, `timeout` (durations). A wrong type
 * disables the service; an over-long payload or a duration ≤ 0 only warns (Traefik falls back).
 */
export function checkTcpHealthCheck(v: ElementState, hc: unknown): void {
  if (hc === undefined) return;
  if (!isRecord(hc)) return addError(v, L4Messages.badField('healthCheck', 'an object'), true);
  const port = hc['port'];
  if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65_535)) {
    addError(v, L4Messages.badField('healthCheck.port', 'a port number'), true);
  }
  for (const key of ['send', 'expect'] as const) {
    const value = hc[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') addError(v, L4Messages.badField(`healthCheck.${key}`, 'a string'), true);
    else if (Buffer.byteLength(value) > MAX_TCP_PAYLOAD_BYTES) addError(v, L4Messages.healthPayloadTooLong(key, MAX_TCP_PAYLOAD_BYTES), false);
  }
  for (const key of ['interval', 'unhealthyInterval', 'timeout'] as const) {
    const value = hc[key];
    if (value === undefined) continue;
    if (!durationOk(value)) addError(v, L4Messages.badField(`healthCheck.${key}`, 'a duration such as 10s'), true);
    else if (parseDuration(value as string | number) <= 0) addError(v, L4Messages.healthDurationDefault(key), false);
  }
}
