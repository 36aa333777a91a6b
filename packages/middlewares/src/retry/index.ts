import { defineMiddleware } from '../types.js';
import { createRetry } from './retry.js';
import { RetrySchema } from './schema.js';

export const retry = defineMiddleware({ key: 'retry', schema: RetrySchema, create: createRetry });
