import { defineMiddleware } from '../types.js';
import { createAddPrefix } from './add-prefix.js';
import { AddPrefixSchema } from './schema.js';

export const addPrefix = defineMiddleware({ key: 'addPrefix', schema: AddPrefixSchema, create: createAddPrefix });
