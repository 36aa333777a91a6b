import { Type, type Static } from '@sinclair/typebox';

/** Traefik's `grpcWeb`: the browser origins allowed to call (`*` = any); none → CORS refuses every origin. */
export const GrpcWebSchema = Type.Object({ allowOrigins: Type.Optional(Type.Array(Type.String())) }, { additionalProperties: false });
export type GrpcWebOptions = Static<typeof GrpcWebSchema>;
