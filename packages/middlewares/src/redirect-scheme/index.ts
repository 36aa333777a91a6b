import { defineMiddleware } from '../types.js';
import { createRedirectScheme } from './redirect-scheme.js';
import { RedirectSchemeSchema } from './schema.js';

export const redirectScheme = defineMiddleware({ key: 'redirectScheme', schema: RedirectSchemeSchema, create: createRedirectScheme });
