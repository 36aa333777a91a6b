import { defineMiddleware } from '../types.js';
import { StripPrefixRegexSchema } from './schema.js';
import { createStripPrefixRegex } from './strip-prefix-regex.js';

export const stripPrefixRegex = defineMiddleware({ key: 'stripPrefixRegex', schema: StripPrefixRegexSchema, create: createStripPrefixRegex });
