export { startWhoami } from './whoami-server.js';
export type { WhoamiOptions, WhoamiServer } from './whoami-server.js';
export { parseDurationMs } from './duration.js';
