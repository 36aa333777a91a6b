import { defineMiddleware } from '../types.js';
import { createRateLimit } from './rate-limit.js';
import { RateLimitSchema } from './schema.js';

export const rateLimit = defineMiddleware({ key: 'rateLimit', schema: RateLimitSchema, create: createRateLimit });
