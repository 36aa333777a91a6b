export { createProviders } from './create-providers.js';
export { providerSchemas } from './registry.js';
