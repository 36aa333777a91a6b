import { defineMiddleware } from '../types.js';
import { createHeaders } from './headers.js';
import { HeadersSchema } from './schema.js';

export const headers = defineMiddleware({ key: 'headers', schema: HeadersSchema, create: createHeaders });
