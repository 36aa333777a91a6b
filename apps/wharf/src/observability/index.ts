export { createObservability } from './create-observability.js';
export type { Observability, ObservabilityDeps } from './create-observability.js';
