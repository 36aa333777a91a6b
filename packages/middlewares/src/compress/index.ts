import { defineMiddleware } from '../types.js';
import { createCompress } from './compress.js';
import { CompressSchema } from './schema.js';

export const compress = defineMiddleware({ key: 'compress', schema: CompressSchema, create: createCompress });
