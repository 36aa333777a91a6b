import { defineMiddleware } from '../types.js';
import { createRedirectRegex } from './redirect-regex.js';
import { RedirectRegexSchema } from './schema.js';

export const redirectRegex = defineMiddleware({ key: 'redirectRegex', schema: RedirectRegexSchema, create: createRedirectRegex });
