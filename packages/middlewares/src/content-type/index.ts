import { defineMiddleware } from '../types.js';
import { createContentType } from './content-type.js';
import { ContentTypeSchema } from './schema.js';

export const contentType = defineMiddleware({ key: 'contentType', schema: ContentTypeSchema, create: createContentType });
