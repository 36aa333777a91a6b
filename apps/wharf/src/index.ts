export { startWharf } from './wharf.js';
export type { RunningWharf, StartOptions } from './wharf.js';
export { createLogger } from './logger.js';
export type { Logger, LogOptions } from './logger.js';
export { loadStaticConfig, wharfVersion } from './static/index.js';
export type { StaticConfig } from './static/index.js';
