/**
 * Transitional: `compile/` and `services/` still name the logger `RuntimeLogger` (another change
 * moves those files); it is `@wharf/config`'s one `Logger` contract, not a second interface.
 */
export type { Logger as RuntimeLogger } from '@wharf/config';
