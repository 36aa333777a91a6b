import { defineMiddleware } from '../types.js';
import { StripPrefixSchema } from './schema.js';
import { createStripPrefix } from './strip-prefix.js';

export const stripPrefix = defineMiddleware({ key: 'stripPrefix', schema: StripPrefixSchema, create: createStripPrefix });
