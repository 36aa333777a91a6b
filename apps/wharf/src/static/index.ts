export { loadStaticConfig, commandLineAction, type StaticConfig } from './load-static-config.js';
export { formatStaticConfigError } from './errors.js';
export { staticHelp } from './help.js';
export { versionText, wharfVersion } from './version.js';
export type { ResolvedEntryPoint } from './resolve.js';
