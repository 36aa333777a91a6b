export { createEntryPoint } from './entry-point.js';
export type { EntryPoint, EntryPointOptions, EntryPointTimeouts } from './entry-point.js';
export { createTransport } from './transport.js';
export type { ClosableTransport, TransportOptions } from './transport.js';
export type { ForwardedHeadersOptions } from './forwarded-headers.js';
export { ProxyErrors } from './errors.js';
export { splitTarget } from './request-target.js';
export type { SplitTarget } from './request-target.js';
export { addressText } from './listen.js';
