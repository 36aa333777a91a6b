import { Type, type Static } from '@sinclair/typebox';

export const ChainSchema = Type.Object({ middlewares: Type.Array(Type.String({ minLength: 1 })) }, { additionalProperties: false });
export type ChainOptions = Static<typeof ChainSchema>;
