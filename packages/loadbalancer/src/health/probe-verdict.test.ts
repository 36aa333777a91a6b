import { describe, expect, it } from 'vitest';
import { applyProbe, isHealthyStatus, type ProbeCounters } from './probe-verdict.js';

const run = (start: ProbeCounters, results: boolean[], rise: number, fall: number) => {
  const states: boolean[] = [];
  let c = start;
  for (const ok of results) {
    c = applyProbe(c, ok, { rise, fall });
    states.push(c.up);
  }
  return states;
};
const up: ProbeCounters = { up: true, initial: false, successes: 0, failures: 0 };
const initial: ProbeCounters = { up: false, initial: true, successes: 0, failures: 0 };

describe('active-check state machine', () => {
  it('rise/fall 1/1: one failure DOWN, one success UP (Traefik)', () => {
    expect(run(up, [false, true, false, true], 1, 1)).toEqual([false, true, false, true]);
  });

  it('fall 3: DOWN only after three consecutive failures; a success resets the count', () => {
    expect(run(up, [false, false, true, false, false, false], 1, 3)).toEqual([true, true, true, true, true, false]);
  });

  it('rise 2: UP only after two consecutive successes', () => {
    expect(run(up, [false, true, false, true, true], 2, 1)).toEqual([false, false, false, false, true]);
  });

  it('initial DOWN goes UP on the first success even with rise > 1', () => {
    expect(run(initial, [true], 3, 1)).toEqual([true]);
    const failedFirst = applyProbe(initial, false, { rise: 2, fall: 1 });
    expect(failedFirst).toMatchObject({ up: false, initial: false });
    expect(run(failedFirst, [true, true], 2, 1)).toEqual([false, true]);
  });
});

describe('isHealthyStatus', () => {
  it('2xx/3xx by default, exactly `status` when set', () => {
    expect([199, 200, 302, 399, 400, 500].map((s) => isHealthyStatus(s))).toEqual([false, true, true, true, false, false]);
    expect(isHealthyStatus(204, 204)).toBe(true);
    expect(isHealthyStatus(200, 204)).toBe(false);
    expect(isHealthyStatus(503, 503)).toBe(true);
  });
});
