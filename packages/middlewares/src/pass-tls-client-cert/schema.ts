import { Type, type Static } from '@sinclair/typebox';

const DistinguishedName = Type.Object(
  {
    country: Type.Optional(Type.Boolean()),
    province: Type.Optional(Type.Boolean()),
    locality: Type.Optional(Type.Boolean()),
    organization: Type.Optional(Type.Boolean()),
    organizationalUnit: Type.Optional(Type.Boolean()),
    commonName: Type.Optional(Type.Boolean()),
    serialNumber: Type.Optional(Type.Boolean()),
    domainComponent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DistinguishedNameOptions = Static<typeof DistinguishedName>;

export const PassTLSClientCertSchema = Type.Object(
  {
    pem: Type.Optional(Type.Boolean()),
    info: Type.Optional(
      Type.Object(
        {
          notAfter: Type.Optional(Type.Boolean()),
          notBefore: Type.Optional(Type.Boolean()),
          sans: Type.Optional(Type.Boolean()),
          serialNumber: Type.Optional(Type.Boolean()),
          subject: Type.Optional(DistinguishedName),
          issuer: Type.Optional(DistinguishedName),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PassTLSClientCertOptions = Static<typeof PassTLSClientCertSchema>;
