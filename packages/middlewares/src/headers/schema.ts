import { Type, type Static } from '@sinclair/typebox';

const StringList = Type.Array(Type.String());
const StringMap = Type.Record(Type.String(), Type.String());

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
    customFrameOptionsValue: Type.Optional(Type.String()),
    contentTypeNosniff: Type.Optional(Type.Boolean()),
    browserXssFilter: Type.Optional(Type.Boolean()),
    customBrowserXSSValue: Type.Optional(Type.String()),
    contentSecurityPolicy: Type.Optional(Type.String()),
    contentSecurityPolicyReportOnly: Type.Optional(Type.String()),
    publicKey: Type.Optional(Type.String()),
    referrerPolicy: Type.Optional(Type.String()),
    permissionsPolicy: Type.Optional(Type.String()),
    isDevelopment: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type HeadersOptions = Static<typeof HeadersSchema>;
