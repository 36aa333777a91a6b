import { Type, type Static } from '@sinclair/typebox';

/**
 * A value Node can write in a header: no CR, LF, NUL or other control character (a CR/LF would
 * split the header; Node refuses to send it). Refused at validation, so the middleware is
 * disabled with the error instead of failing every response.
 */
const HeaderValue = Type.String({ pattern: '^[\\t\\x20-\\x7e\\x80-\\xff]*$', description: 'expected: a header value without CR, LF or control characters' });
const StringList = Type.Array(HeaderValue);
const StringMap = Type.Record(Type.String(), HeaderValue);

export const HeadersSchema = Type.Object(
  {
    customRequestHeaders: Type.Optional(StringMap),
    customResponseHeaders: Type.Optional(StringMap),
    accessControlAllowCredentials: Type.Optional(Type.Boolean()),
    accessControlAllowHeaders: Type.Optional(StringList),
    accessControlAllowMethods: Type.Optional(StringList),
    accessControlAllowOriginList: Type.Optional(StringList),
    accessControlAllowOriginListRegex: Type.Optional(StringList),
    accessControlExposeHeaders: Type.Optional(StringList),
    accessControlMaxAge: Type.Optional(Type.Integer()),
    addVaryHeader: Type.Optional(Type.Boolean()),
    allowedHosts: Type.Optional(StringList),
    hostsProxyHeaders: Type.Optional(StringList),
    sslProxyHeaders: Type.Optional(StringMap),
    stsSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
    stsIncludeSubdomains: Type.Optional(Type.Boolean()),
    stsPreload: Type.Optional(Type.Boolean()),
    forceSTSHeader: Type.Optional(Type.Boolean()),
    frameDeny: Type.Optional(Type.Boolean()),
    customFrameOptionsValue: Type.Optional(HeaderValue),
    contentTypeNosniff: Type.Optional(Type.Boolean()),
    browserXssFilter: Type.Optional(Type.Boolean()),
    customBrowserXSSValue: Type.Optional(HeaderValue),
    contentSecurityPolicy: Type.Optional(HeaderValue),
    contentSecurityPolicyReportOnly: Type.Optional(HeaderValue),
    publicKey: Type.Optional(HeaderValue),
    referrerPolicy: Type.Optional(HeaderValue),
    permissionsPolicy: Type.Optional(HeaderValue),
    isDevelopment: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type HeadersOptions = Static<typeof HeadersSchema>;
