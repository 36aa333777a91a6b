export { createProviders } from './create-providers.js';
export { providerKinds, providerSchemas } from './registry.js';
export type { ProviderKind } from './provider-kind.js';
