import { Type, type Static } from '@sinclair/typebox';
import { userAuthSchema } from '../credentials/user-auth-schema.js';

/** `users`: htpasswd lines `user:hash` (bcrypt, apr1-MD5, SHA1). */
export const BasicAuthSchema = userAuthSchema(Type.String({ pattern: '^[^:]+:.+$' }));
export type BasicAuthOptions = Static<typeof BasicAuthSchema>;
