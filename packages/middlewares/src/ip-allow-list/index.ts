import { defineMiddleware } from '../types.js';
import { createIPAllowList } from './ip-allow-list.js';
import { IPAllowListSchema } from './schema.js';

/** Also registered under the deprecated key `ipWhiteList` (see registry aliases). */
export const ipAllowList = defineMiddleware({ key: 'ipAllowList', schema: IPAllowListSchema, create: createIPAllowList });
