import type { ElementStatus } from '@wharf/config';

/** Status and de-duplicated errors of one element (Traefik `AddError(err, critical)`). */
export interface ElementState {
  status: ElementStatus;
  errors: string[];
}

export function newState(): ElementState {
  return { status: 'enabled', errors: [] };
}

/** critical → disabled; otherwise warning (never downgrades a disabled element). */
export function addError(state: ElementState, message: string, critical: boolean): void {
  if (!state.errors.includes(message)) state.errors.push(message);
  if (critical) state.status = 'disabled';
  else if (state.status === 'enabled') state.status = 'warning';
}

export function isDisabled(state: ElementState | undefined): boolean {
  return state?.status === 'disabled';
}

/** `: first error` suffix used when a referrer is disabled because of a referenced element. */
export function reasonOf(state: ElementState): string {
  return state.errors.length > 0 ? `: ${state.errors.join('; ')}` : '';
}
