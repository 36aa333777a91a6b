import { Type, type Static } from '@sinclair/typebox';
import { userAuthSchema } from '../credentials/user-auth-schema.js';

/** `users`: htdigest lines `user:realm:md5(user:realm:password)`. */
export const DigestAuthSchema = userAuthSchema(Type.String({ pattern: '^[^:]+:[^:]*:[0-9a-fA-F]{32}$' }));
export type DigestAuthOptions = Static<typeof DigestAuthSchema>;
