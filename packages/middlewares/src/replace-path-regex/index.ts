import { defineMiddleware } from '../types.js';
import { createReplacePathRegex } from './replace-path-regex.js';
import { ReplacePathRegexSchema } from './schema.js';

export const replacePathRegex = defineMiddleware({ key: 'replacePathRegex', schema: ReplacePathRegexSchema, create: createReplacePathRegex });
