export { createObservability } from './create-observability.js';
export type { Observability } from './create-observability.js';
