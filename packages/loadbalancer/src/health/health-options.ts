import { parseDuration, type Duration, type HealthCheckConfig, type PassiveHealthCheckConfig } from '@wharf/config';
import { LoadBalancerErrors } from '../errors.js';
import type { Thresholds } from './probe-verdict.js';

/** When the next probe runs: `intervalMs` after an UP verdict, `unhealthyIntervalMs` after DOWN. */
export interface ProbeSchedule extends Thresholds {
  intervalMs: number;
  unhealthyIntervalMs: number;
  timeoutMs: number;
}

export interface ActiveHealthOptions extends ProbeSchedule {
  method: string;
  path?: string;
  port?: number;
  scheme?: string;
  hostname?: string;
  headers: Record<string, string>;
  expectedStatus?: number;
  followRedirects: boolean;
}

export interface PassiveHealthOptions {
  failureWindowMs: number;
  maxFailedAttempts: number;
  maxEjectionPercent: number;
}

/** A positive duration in ms, or `fallbackMs` when absent or ≤ 0 (Traefik: invalid values ⇒ defaults). */
export function positiveDurationOr(value: Duration | undefined, fallbackMs: number): number {
  if (value === undefined || value === '') return fallbackMs;
  const ms = parseDuration(value);
  return ms > 0 ? ms : fallbackMs;
}

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

/** Validated active-check options with Traefik defaults (30s interval, 5s timeout, GET, follow). */
export function resolveActiveHealth(config: HealthCheckConfig): ActiveHealthOptions {
  if (config.mode === 'grpc') throw LoadBalancerErrors.invalidHealthCheck('mode "grpc" is not supported yet');
  if (config.path !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(config.path)) {
    throw LoadBalancerErrors.invalidHealthCheck(`path must be relative, got ${JSON.stringify(config.path)}`);
  }
  const intervalMs = positiveDurationOr(config.interval, 30_000);
  const options: ActiveHealthOptions = {
    intervalMs,
    unhealthyIntervalMs: positiveDurationOr(config.unhealthyInterval, intervalMs),
    timeoutMs: positiveDurationOr(config.timeout, 5_000),
    method: (config.method || 'GET').toUpperCase(),
    headers: { ...config.headers },
    followRedirects: config.followRedirects ?? true,
    rise: positiveInt(config.rise, 1),
    fall: positiveInt(config.fall, 1),
  };
  if (config.path) options.path = config.path;
  if (config.port !== undefined && config.port > 0) options.port = config.port;
  if (config.scheme) options.scheme = config.scheme;
  if (config.hostname) options.hostname = config.hostname;
  if (config.status !== undefined && config.status > 0) options.expectedStatus = config.status;
  return options;
}

/** Validated passive-check options (10s window, 1 failure, eject at most 50% of servers). */
export function resolvePassiveHealth(config: PassiveHealthCheckConfig): PassiveHealthOptions {
  const pct = config.maxEjectionPercent;
  return {
    failureWindowMs: positiveDurationOr(config.failureWindow, 10_000),
    maxFailedAttempts: positiveInt(config.maxFailedAttempts, 1),
    maxEjectionPercent: pct !== undefined && Number.isFinite(pct) ? Math.min(100, Math.max(0, pct)) : 50,
  };
}
