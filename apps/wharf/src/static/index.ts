export { loadStaticConfig, commandLineAction, type StaticConfig } from './load-static-config.js';
export { formatStaticConfigError, type StaticConfigProblem } from './errors.js';
export { parseFlags } from './flags.js';
export { mergeSources, originOf } from './merge-sources.js';
export { problemFor } from './origin.js';
export { staticHelp, optionHelpLines } from './help.js';
export { versionText, wharfVersion } from './version.js';
export type { ResolvedEntryPoint } from './resolve.js';
