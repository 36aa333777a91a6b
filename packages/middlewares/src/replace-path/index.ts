import { defineMiddleware } from '../types.js';
import { createReplacePath } from './replace-path.js';
import { ReplacePathSchema } from './schema.js';

export const replacePath = defineMiddleware({ key: 'replacePath', schema: ReplacePathSchema, create: createReplacePath });
