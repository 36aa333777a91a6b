import { fields, type FieldSpec, type Fields } from './label-fields.js';

const s = { kind: 'string' } as const;
const n = { kind: 'number' } as const;
const b = { kind: 'boolean' } as const;
const l = { kind: 'list' } as const;
const d = { kind: 'duration' } as const;
const m = { kind: 'map' } as const;
const obj = (f: Fields, presence = false): FieldSpec => ({ kind: 'object', fields: f, presence });

const ipStrategy = obj(fields('depth', n, 'excludedIPs', l, 'ipv6Subnet', n), true);
const sourceCriterion = obj(fields('ipStrategy', ipStrategy, 'requestHeaderName', s, 'requestHost', b));

/**
 * HTTP middleware types and options from labels (reference §6). The value schema is owned by
 * packages/middlewares; this table only maps label keys onto the camelCase shape and coerces.
 */
export const middlewareFields: Fields = fields(
  'addPrefix', obj(fields('prefix', s)),
  'basicAuth', obj(fields('users', l, 'usersFile', s, 'realm', s, 'removeHeader', b, 'headerField', s)),
  'digestAuth', obj(fields('users', l, 'usersFile', s, 'realm', s, 'removeHeader', b, 'headerField', s)),
  'buffering', obj(fields('maxRequestBodyBytes', n, 'memRequestBodyBytes', n, 'maxResponseBodyBytes', n,
    'memResponseBodyBytes', n, 'retryExpression', s)),
  'chain', obj(fields('middlewares', l)),
  'circuitBreaker', obj(fields('expression', s, 'checkPeriod', d, 'fallbackDuration', d, 'recoveryDuration', d,
    'responseCode', n)),
  'compress', obj(fields('excludedContentTypes', l, 'includedContentTypes', l, 'minResponseBodyBytes', n,
    'defaultEncoding', s, 'encodings', l), true),
  'contentType', obj(fields('autoDetect', b), true),
  'errors', obj(fields('status', l, 'service', s, 'query', s, 'statusRewrites', m)),
  'forwardAuth', obj(fields('address', s, 'trustForwardHeader', b, 'authResponseHeaders', l,
    'authResponseHeadersRegex', s, 'authRequestHeaders', l, 'addAuthCookiesToResponse', l,
    'headerField', s, 'forwardBody', b, 'maxBodySize', n, 'preserveLocationHeader', b,
    'tls', obj(fields('ca', s, 'cert', s, 'key', s, 'insecureSkipVerify', b)))),
  'grpcWeb', obj(fields('allowOrigins', l)),
  'headers', obj(fields('customRequestHeaders', m, 'customResponseHeaders', m,
    'accessControlAllowCredentials', b, 'accessControlAllowHeaders', l, 'accessControlAllowMethods', l,
    'accessControlAllowOriginList', l, 'accessControlAllowOriginListRegex', l, 'accessControlExposeHeaders', l,
    'accessControlMaxAge', n, 'addVaryHeader', b, 'allowedHosts', l, 'hostsProxyHeaders', l,
    'sslProxyHeaders', m, 'stsSeconds', n, 'stsIncludeSubdomains', b, 'stsPreload', b, 'forceSTSHeader', b,
    'frameDeny', b, 'customFrameOptionsValue', s, 'contentTypeNosniff', b, 'browserXssFilter', b,
    'customBrowserXSSValue', s, 'contentSecurityPolicy', s, 'contentSecurityPolicyReportOnly', s,
    'publicKey', s, 'referrerPolicy', s, 'permissionsPolicy', s, 'isDevelopment', b)),
  'ipAllowList', obj(fields('sourceRange', l, 'ipStrategy', ipStrategy, 'rejectStatusCode', n)),
  'ipWhiteList', obj(fields('sourceRange', l, 'ipStrategy', ipStrategy)),
  'inFlightReq', obj(fields('amount', n, 'sourceCriterion', sourceCriterion)),
  'passTLSClientCert', obj(fields('pem', b), true),
  'rateLimit', obj(fields('average', n, 'period', d, 'burst', n, 'sourceCriterion', sourceCriterion)),
  'redirectRegex', obj(fields('regex', s, 'replacement', s, 'permanent', b)),
  'redirectScheme', obj(fields('scheme', s, 'port', s, 'permanent', b)),
  'replacePath', obj(fields('path', s)),
  'replacePathRegex', obj(fields('regex', s, 'replacement', s)),
  'retry', obj(fields('attempts', n, 'initialInterval', d, 'timeout', d, 'maxRequestBodyBytes', n,
    'status', l, 'disableRetryOnNetworkError', b, 'retryNonIdempotentMethod', b)),
  'stripPrefix', obj(fields('prefixes', l, 'forceSlash', b)),
  'stripPrefixRegex', obj(fields('regex', l)),
);
