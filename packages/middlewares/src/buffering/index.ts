import { defineMiddleware } from '../types.js';
import { createBuffering } from './buffering.js';
import { BufferingSchema } from './schema.js';

export const buffering = defineMiddleware({ key: 'buffering', schema: BufferingSchema, create: createBuffering });
