import type { HttpStep, Next } from '@wharf/config';

/** Composes steps in order into one step (the first listed runs first). */
export function composeSteps(steps: readonly HttpStep[]): HttpStep {
  if (steps.length === 0) return (_ex, next) => next();
  if (steps.length === 1) return steps[0]!;
  return (ex, next) => {
    const run = (i: number): Next => () => (i === steps.length ? next() : steps[i]!(ex, run(i + 1)));
    return run(0)();
  };
}
