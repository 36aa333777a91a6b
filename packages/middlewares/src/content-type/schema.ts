import { Type, type Static } from '@sinclair/typebox';

export const ContentTypeSchema = Type.Object({ autoDetect: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type ContentTypeOptions = Static<typeof ContentTypeSchema>;
