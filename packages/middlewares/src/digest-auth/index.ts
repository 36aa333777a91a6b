import { defineMiddleware } from '../types.js';
import { createDigestAuth } from './digest-auth.js';
import { DigestAuthSchema } from './schema.js';

export const digestAuth = defineMiddleware({ key: 'digestAuth', schema: DigestAuthSchema, create: createDigestAuth });
