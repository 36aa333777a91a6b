import { Type, type Static } from '@sinclair/typebox';

/** `{}` enables detection (Traefik v3); `autoDetect` is deprecated, `false` disables it. */
export const ContentTypeSchema = Type.Object({ autoDetect: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type ContentTypeOptions = Static<typeof ContentTypeSchema>;
