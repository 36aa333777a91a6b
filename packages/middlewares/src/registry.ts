import { addPrefix } from './add-prefix/index.js';
import { basicAuth } from './basic-auth/index.js';
import { buffering } from './buffering/index.js';
import { chain } from './chain/index.js';
import { circuitBreaker } from './circuit-breaker/index.js';
import { compress } from './compress/index.js';
import { contentType } from './content-type/index.js';
import { digestAuth } from './digest-auth/index.js';
import { encodedCharacters } from './encoded-characters/index.js';
import { errors } from './error-pages/index.js';
import { forwardAuth } from './forward-auth/index.js';
import { grpcWeb } from './grpc-web/index.js';
import { headers } from './headers/index.js';
import { inFlightReq } from './in-flight-req/index.js';
import { ipAllowList } from './ip-allow-list/index.js';
import { passTLSClientCert } from './pass-tls-client-cert/index.js';
import { rateLimit } from './rate-limit/index.js';
import { redirectRegex } from './redirect-regex/index.js';
import { redirectScheme } from './redirect-scheme/index.js';
import { replacePathRegex } from './replace-path-regex/index.js';
import { replacePath } from './replace-path/index.js';
import { retry } from './retry/index.js';
import { stripPrefixRegex } from './strip-prefix-regex/index.js';
import { stripPrefix } from './strip-prefix/index.js';
import type { Static } from '@sinclair/typebox';
import type { MiddlewareDefinition } from './types.js';

const definitions = [
  headers, stripPrefix, stripPrefixRegex, addPrefix, replacePath, replacePathRegex, redirectScheme, redirectRegex, chain,
  retry, basicAuth, digestAuth, ipAllowList, inFlightReq, rateLimit,
  compress, errors, circuitBreaker, forwardAuth, buffering, contentType,
  encodedCharacters, passTLSClientCert, grpcWeb,
] as const;

/** Every built-in middleware type. Adding one = one folder + one entry here. */
export const builtinMiddlewares: readonly MiddlewareDefinition[] = definitions as readonly MiddlewareDefinition[];

type Builtin = (typeof definitions)[number];
/** `{ stripPrefix: StripPrefixOptions, retry: RetryOptions, … }`, inferred from the registry. */
export type BuiltinMiddlewareOptions = { [D in Builtin as D['key']]: Static<D['schema']> };
/** One-of-key middleware spec (`{ stripPrefix: { prefixes: ['/a'] } }`), typed from the registry. */
export type BuiltinMiddlewareSpec = { [K in keyof BuiltinMiddlewareOptions]: { [P in K]: BuiltinMiddlewareOptions[K] } }[keyof BuiltinMiddlewareOptions];

/** Deprecated Traefik type keys → canonical key. */
export const middlewareAliases: Readonly<Record<string, string>> = { ipwhitelist: 'ipAllowList' };

const byKey = new Map(builtinMiddlewares.map((d) => [d.key.toLowerCase(), d]));

/** Finds a definition by its type key, case-insensitively (`stripprefix` from labels), incl. deprecated aliases. */
export function findMiddleware(typeKey: string): MiddlewareDefinition | undefined {
  const key = typeKey.toLowerCase();
  return byKey.get(key) ?? byKey.get(middlewareAliases[key]?.toLowerCase() ?? '');
}
