import { defineMiddleware } from '../types.js';
import { createEncodedCharacters } from './encoded-characters.js';
import { EncodedCharactersSchema } from './schema.js';

export const encodedCharacters = defineMiddleware({ key: 'encodedCharacters', schema: EncodedCharactersSchema, create: createEncodedCharacters });
