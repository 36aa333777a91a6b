import { defineStrategy } from '../types.js';
import { createLeastTimeStrategy } from './leasttime.js';

export const leasttime = defineStrategy({ name: 'leasttime', supportsSticky: true, create: createLeastTimeStrategy });
