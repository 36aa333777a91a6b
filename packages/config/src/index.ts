export * from './model/http.js';
export * from './model/dynamic.js';
export * from './model/diagnostic.js';
export * from './model/provider.js';
export * from './model/exchange.js';
export * from './model/runtime-view.js';
export * from './errors.js';
export * from './names.js';
