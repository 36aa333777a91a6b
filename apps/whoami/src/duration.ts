const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a Go-style duration (`100ms`, `1.5s`, `1m30s`) or a bare number of milliseconds.
 * Returns undefined when the text is not a duration.
 */
export function parseDurationMs(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = part.exec(text); m !== null; m = part.exec(text)) {
    total += Number(m[1]) * (UNITS[m[2] as string] as number);
    consumed = part.lastIndex;
  }
  return consumed > 0 && consumed === text.length ? total : undefined;
}

/** Resolves after `ms` milliseconds, capped at one hour so a typo cannot pin a socket forever. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(ms, 0), 3_600_000)));
}
