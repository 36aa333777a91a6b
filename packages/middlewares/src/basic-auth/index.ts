import { defineMiddleware } from '../types.js';
import { createBasicAuth } from './basic-auth.js';
import { BasicAuthSchema } from './schema.js';

export const basicAuth = defineMiddleware({ key: 'basicAuth', schema: BasicAuthSchema, create: createBasicAuth });
