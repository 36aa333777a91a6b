import { defineMiddleware } from '../types.js';
import { createChain } from './chain.js';
import { ChainSchema } from './schema.js';

export { composeSteps } from './compose.js';
export const chain = defineMiddleware({ key: 'chain', schema: ChainSchema, create: createChain });
