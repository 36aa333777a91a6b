import type { ServerSlot } from './server-slot.js';
import type { ServerFilter, Strategy } from './strategies/types.js';
import type { PickRequest } from './types.js';

/** Picks (or peeks) through the strategy among UP servers, avoiding `exclude` while others remain. */
export type ServerChooser = (req: PickRequest, peek: boolean) => ServerSlot | undefined;

const NONE: ReadonlySet<string> = new Set();

/** The filters are built once; the per-request exclusion set is passed through a variable. */
export function createServerChooser(strategy: Strategy): ServerChooser {
  let exclude: ReadonlySet<string> = NONE;
  const isUp: ServerFilter = (s) => (s as ServerSlot).up;
  const isUpAndAllowed: ServerFilter = (s) => (s as ServerSlot).up && !exclude.has(s.ref.url);

  function run(req: PickRequest, peek: boolean, accept: ServerFilter): ServerSlot | undefined {
    return (peek ? strategy.peek(req.clientIP, accept) : strategy.pick(req.clientIP, accept)) as ServerSlot | undefined;
  }

  return (req, peek) => {
    if (req.exclude !== undefined && req.exclude.size > 0) {
      exclude = req.exclude;
      const chosen = run(req, peek, isUpAndAllowed);
      exclude = NONE;
      if (chosen !== undefined) return chosen;
    }
    return run(req, peek, isUp);
  };
}
