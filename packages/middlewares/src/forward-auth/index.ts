import { defineMiddleware } from '../types.js';
import { createForwardAuth } from './forward-auth.js';
import { ForwardAuthSchema } from './schema.js';

export const forwardAuth = defineMiddleware({ key: 'forwardAuth', schema: ForwardAuthSchema, create: createForwardAuth });
