export * from './types.js';
export { RULE_SYNTAX_CODE, RuleSyntaxError, isRuleSyntaxError } from './errors.js';
export { parseRule, defaultPriority, effectivePriority } from './parse-rule.js';
export { createRouteTable, compareEntries } from './route-table.js';
export { routingPath } from './routing-path.js';
/** re-exported for the proxy: the host rules see (lives in @wharf/config, shared with middlewares) */
export { normalizeHost } from '@wharf/config';
export { compileGoRegexp } from './go-regexp.js';
export { v2Matchers, v3Matchers } from './matcher-registry.js';
export { parseTcpRule, tcpPriority, compareTcpRoutes, type ParsedTcpRule } from './tcp/parse-tcp-rule.js';
export type { TcpConnectionInfo, TcpMatcher } from './tcp/tcp-matchers.js';
