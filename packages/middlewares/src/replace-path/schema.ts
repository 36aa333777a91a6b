import { Type, type Static } from '@sinclair/typebox';

export const ReplacePathSchema = Type.Object({ path: Type.String() }, { additionalProperties: false });
export type ReplacePathOptions = Static<typeof ReplacePathSchema>;
