import { defineMiddleware } from '../types.js';
import { createErrorPages } from './error-pages.js';
import { ErrorPagesSchema } from './schema.js';

/** Traefik's `errors` middleware (folder named after what it does). */
export const errors = defineMiddleware({ key: 'errors', schema: ErrorPagesSchema, create: createErrorPages });
