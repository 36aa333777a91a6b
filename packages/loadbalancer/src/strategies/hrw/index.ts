import { defineStrategy } from '../types.js';
import { createHrwStrategy } from './hrw.js';

export const hrw = defineStrategy({ name: 'hrw', supportsSticky: false, create: createHrwStrategy });
