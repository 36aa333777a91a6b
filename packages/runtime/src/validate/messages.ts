/**
 * User-facing error texts attached to runtime elements (Traefik's wording where Traefik has one,
 * so searches for Traefik errors find answers for wharf too).
 */
export const Messages = {
  serviceMissing: (name: string) => `the service "${name}" does not exist`,
  serviceDisabled: (name: string, reason: string) => `the service "${name}" is disabled${reason}`,
  routerNoService: () => 'the router has no service',
  middlewareMissing: (name: string) => `middleware "${name}" does not exist`,
  middlewareDisabled: (name: string, reason: string) => `middleware "${name}" is disabled${reason}`,
  entryPointMissing: (name: string) => `entryPoint "${name}" doesn't exist`,
  noEntryPoint: () => 'no valid entryPoint for this router',
  ruleMissing: () => 'the router has no rule',
  ruleInvalid: (rule: string, detail: string) => `error while parsing rule ${rule}: ${detail}`,
  priorityTooHigh: (p: number, max: string) => `the router priority ${p} exceeds the max user-defined priority ${max}`,
  serviceNoType: (kinds: readonly string[]) => `the service has no type: set one of ${kinds.join(', ')}`,
  multiTypesService: () => 'multi-types service not supported, consider declaring two different pieces of service instead',
  serverURLInvalid: (url: string, detail: string) => `error parsing server URL ${url}: ${detail}`,
  serviceCycle: (path: string[]) => `service cycle detected: ${path.join(' -> ')}`,
  unknownStrategy: (path: string, name: string, valid: readonly string[], suggestion?: string) =>
    `${path}: unknown load-balancing strategy ${JSON.stringify(name)}, expected one of ${valid.join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
  compositeMissingField: (kind: string, field: string) => `${kind} service: "${field}" is required`,
  middlewareNoType: (name: string) => `invalid middleware "${name}" configuration: invalid middleware type or middleware does not exist`,
  middlewareUnknownType: (name: string, type: string, suggestion?: string) =>
    `invalid middleware "${name}" configuration: unknown middleware type "${type}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
  multiTypesMiddleware: (name: string) =>
    `invalid middleware "${name}" configuration: multi-types middleware not supported, consider declaring two different pieces of middleware instead`,
  middlewareCycle: (path: string[]) => `middleware cycle detected: ${path.join(' -> ')}`,
  tlsOptionsConflict: (ep: string, host: string, involved: string) =>
    `on entryPoint "${ep}", host "${host}" is served by multiple routers with different TLS options (${involved})`,
  tlsOptionsNoDomain: (router: string, options: string, ep: string) =>
    `on entryPoint "${ep}", router "${router}" names TLS options "${options}" but its rule has no Host, so SNI cannot select them`,
  tlsOptionsDefaultCopy: (why: string, router: string) =>
    `${why}: this copy of "${router}" serves the entryPoint with the default TLS options instead`,
  tlsOptionsEntryPointLost: (ep: string, copy: string) =>
    `TLS options conflict on entryPoint "${ep}": served there by "${copy}" with the default TLS options`,
} as const;
