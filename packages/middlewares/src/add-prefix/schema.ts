import { Type, type Static } from '@sinclair/typebox';

export const AddPrefixSchema = Type.Object({ prefix: Type.String({ minLength: 1 }) }, { additionalProperties: false });
export type AddPrefixOptions = Static<typeof AddPrefixSchema>;
