import { defineStrategy } from '../types.js';
import { createP2cStrategy } from './p2c.js';

export const p2c = defineStrategy({ name: 'p2c', supportsSticky: true, create: createP2cStrategy });
