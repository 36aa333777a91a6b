import { Type, type Static } from '@sinclair/typebox';
import { DurationSchema, LoadBalancerSchema } from '@wharf/config';

/** The most servers one service holds (`slots` absent = this many): bounds every answer's cost. */
export const MAX_SLOTS = 4096;

const Duration = (value: string, description: string) => Type.Union(DurationSchema.anyOf, { default: value, description });

/** `loadBalancer` of a DNS service: every option of the HTTP model except `servers` (DNS fills them). */
export const DnsLoadBalancerSchema = Type.Omit(LoadBalancerSchema, ['servers']);

/** `providers.dns.services.<name>`: one HAProxy `server-template` (the service `<name>@dns`). */
export const DnsServiceOptionsSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255, description: 'A/AAAA name, or an SRV name starting with _ (_http._tcp.whoami)' }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'server port for A/AAAA names (SRV answers carry their own)' })),
    slots: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SLOTS, description: `at most this many servers (server-template N); default ${MAX_SLOTS}` })),
    interval: Duration('5s', 're-resolve period; shorter when the answer TTL is shorter'),
    loadBalancer: Type.Optional(DnsLoadBalancerSchema),
  },
  { additionalProperties: false },
);

/** `loadBalancer` of a DNS TCP service: the TCP model's options except `servers` (DNS fills them with `ip:port`). */
const DnsTcpLoadBalancerSchema = Type.Object(
  {
    serversTransport: Type.Optional(Type.String({ description: 'a tcp.serversTransports name' })),
    proxyProtocol: Type.Optional(Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })) }, { additionalProperties: false })),
    terminationDelay: Type.Optional(Type.Integer({ description: 'ms; deprecated in Traefik, still honoured' })),
    healthCheck: Type.Optional(Type.Object(
      {
        port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
        send: Type.Optional(Type.String()),
        expect: Type.Optional(Type.String()),
        interval: Type.Optional(Type.Union(DurationSchema.anyOf)),
        unhealthyInterval: Type.Optional(Type.Union(DurationSchema.anyOf)),
        timeout: Type.Optional(Type.Union(DurationSchema.anyOf)),
      },
      { additionalProperties: false },
    )),
  },
  { additionalProperties: false },
);

/** `providers.dns.tcpServices.<name>`: the same template, feeding the TCP service `<name>@dns` (`address: ip:port` servers). */
export const DnsTcpServiceOptionsSchema = Type.Object(
  {
    ...Type.Omit(DnsServiceOptionsSchema, ['loadBalancer']).properties,
    loadBalancer: Type.Optional(DnsTcpLoadBalancerSchema),
  },
  { additionalProperties: false },
);

/** `providers.dns.hold.*`: HAProxy's `hold <status> <period>`. */
export const DnsHoldSchema = Type.Object(
  {
    valid: Duration('10s', 'a valid answer is shared by services asking the same name for this long'),
    obsolete: Duration('0s', 'a record missing from the answer keeps its slot this long'),
    nx: Duration('30s', 'after NXDOMAIN, keep the servers this long after the last valid answer'),
    refused: Duration('30s', 'after REFUSED, keep the servers this long after the last valid answer'),
    timeout: Duration('30s', 'after no answer, keep the servers this long after the last valid answer'),
    other: Duration('30s', 'after any other error (SERVFAIL, no records, malformed answer), keep the servers this long'),
  },
  { additionalProperties: false, default: {} },
);

/**
 * `providers.dns.*` static options: HAProxy's `resolvers` section and `server-template` lines in
 * wharf's names (docs/dns.md maps them). Durations are Traefik durations (`"1s"`, `"500ms"`).
 */
export const DnsProviderOptionsSchema = Type.Object(
  {
    resolvers: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 16, description: 'ip[:port] nameservers; default: the nameservers of /etc/resolv.conf' }),
    ),
    resolveRetries: Type.Integer({ default: 3, minimum: 1, maximum: 10, description: 'queries sent before a resolution fails' }),
    timeout: Duration('1s', 'wait for an answer before the next query'),
    hold: DnsHoldSchema,
    services: Type.Record(Type.String(), DnsServiceOptionsSchema, { default: {}, description: 'service name → DNS name to discover its servers from' }),
    tcpServices: Type.Optional(Type.Record(Type.String(), DnsTcpServiceOptionsSchema, { description: 'TCP service name → DNS name to discover its ip:port servers from' })),
  },
  { additionalProperties: false },
);

export type DnsProviderOptions = Static<typeof DnsProviderOptionsSchema>;
export type DnsServiceOptions = Static<typeof DnsServiceOptionsSchema>;
export type DnsLoadBalancerOptions = Static<typeof DnsLoadBalancerSchema>;
export type DnsTcpServiceOptions = Static<typeof DnsTcpServiceOptionsSchema>;
export type DnsTcpLoadBalancerOptions = Static<typeof DnsTcpLoadBalancerSchema>;
export type DnsHoldOptions = Static<typeof DnsHoldSchema>;

/** What callers may pass: every field optional, defaults filled when the provider starts. */
export interface DnsProviderOptionsInput {
  resolvers?: string[];
  resolveRetries?: number;
  timeout?: string | number;
  hold?: Partial<DnsHoldOptions>;
  services?: Record<string, Partial<DnsServiceOptions> & { name: string }>;
  tcpServices?: Record<string, Partial<DnsTcpServiceOptions> & { name: string }>;
}

export const DNS_PROVIDER_DEFAULTS = Object.freeze({
  resolveRetries: 3,
  timeout: '1s',
  interval: '5s',
  hold: Object.freeze({ valid: '10s', obsolete: '0s', nx: '30s', refused: '30s', timeout: '30s', other: '30s' }),
});
