export * from './options.js';
export * from './errors.js';
export * from './storage/acme-json.js';
export * from './storage/storage-file.js';
