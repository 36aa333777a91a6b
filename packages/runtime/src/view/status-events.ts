import type { RuntimeEvent } from '@wharf/config';
import type { ElementState } from '../validate/element-state.js';
import type { ValidatedConfig } from '../validate/validated.js';

function changed(before: ElementState | undefined, after: ElementState): boolean {
  if (!before) return true;
  return before.status !== after.status || before.errors.join('\n') !== after.errors.join('\n');
}

function withError(e: ElementState): { status: ElementState['status']; error?: string[] } {
  return e.errors.length > 0 ? { status: e.status, error: [...e.errors] } : { status: e.status };
}

/** router-status / service-status events for elements that are new or whose status or errors changed. */
export function statusEvents(before: ValidatedConfig | undefined, after: ValidatedConfig): RuntimeEvent[] {
  const events: RuntimeEvent[] = [];
  for (const r of Object.values(after.routers)) {
    if (changed(before?.routers[r.name], r)) events.push({ type: 'router-status', name: r.name, ...withError(r) });
  }
  for (const s of Object.values(after.services)) {
    if (changed(before?.services[s.name], s)) events.push({ type: 'service-status', name: s.name, ...withError(s) });
  }
  return events;
}
