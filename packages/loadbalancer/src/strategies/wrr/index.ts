import { defineStrategy } from '../types.js';
import { createWrrStrategy } from './wrr.js';

export const wrr = defineStrategy({ name: 'wrr', supportsSticky: true, create: createWrrStrategy });
