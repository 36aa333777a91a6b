import { defineStrategy } from '../types.js';
import { createLeastConnStrategy } from './leastconn.js';

export const leastconn = defineStrategy({ name: 'leastconn', supportsSticky: true, create: createLeastConnStrategy });
