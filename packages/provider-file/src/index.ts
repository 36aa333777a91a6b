export * from './options.js';
export * from './file-provider.js';
export * from './errors.js';
export { buildConfig } from './build-config.js';
export { parseConfigText, type ParsedFile, type Position } from './parsed-file.js';
