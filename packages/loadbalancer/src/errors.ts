import { defineError } from '@wharf/config';

/** Coded load-balancer errors. The runtime disables the service on build errors (branch on `code`). */
export const LoadBalancerErrors = {
  invalidServerUrl: defineError(
    'WHARF_LB_INVALID_SERVER_URL',
    500,
    (url: string) => `invalid server URL ${JSON.stringify(url)}: expected an absolute http(s) URL`,
  ),
  unknownStrategy: defineError(
    'WHARF_LB_UNKNOWN_STRATEGY',
    500,
    (name: string, known: string) => `unknown load-balancing strategy ${JSON.stringify(name)} (known: ${known})`,
  ),
  invalidHealthCheck: defineError(
    'WHARF_LB_INVALID_HEALTHCHECK',
    500,
    (detail: string) => `invalid healthCheck: ${detail}`,
  ),
} as const;
