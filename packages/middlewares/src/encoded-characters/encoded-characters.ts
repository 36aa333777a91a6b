import type { HttpStep } from '@wharf/config';
import { textResponse } from '../response.js';
import type { EncodedCharactersOptions } from './schema.js';

const CODES: Array<[keyof EncodedCharactersOptions, string]> = [
  ['allowEncodedSlash', '2f'],
  ['allowEncodedBackSlash', '5c'],
  ['allowEncodedNullCharacter', '00'],
  ['allowEncodedSemicolon', '3b'],
  ['allowEncodedPercent', '25'],
  ['allowEncodedQuestionMark', '3f'],
  ['allowEncodedHash', '23'],
];

/** Answers 400 when the escaped path holds an encoded character that is not allowed. */
export function createEncodedCharacters(options: EncodedCharactersOptions): HttpStep {
  const denied = CODES.filter(([opt]) => !options[opt]).map(([, hex]) => hex);
  if (denied.length === 0) return (_ex, next) => next();
  const pattern = new RegExp(`%(${denied.join('|')})`, 'i');
  return (ex, next) => (pattern.test(ex.path) ? Promise.resolve(textResponse(400, 'Bad Request')) : next());
}
