import type { ServiceState } from './slot-table.js';

/** A TTL shorter than this does not make wharf re-resolve faster (TTL 0 is common: dnsmasq's hosts). */
export const TTL_FLOOR_MS = 1000;

/**
 * Milliseconds until the next resolution of a service: its `interval`, or the answer's TTL when
 * that is shorter (never below `TTL_FLOOR_MS`, never above `interval`). A failing service keeps
 * its interval (HAProxy's `timeout resolve`).
 */
export function resolveDelayMs(state: ServiceState, intervalMs: number): number {
  if (state.failure || state.ttlSeconds === undefined) return intervalMs;
  return Math.min(intervalMs, Math.max(state.ttlSeconds * 1000, TTL_FLOOR_MS));
}
