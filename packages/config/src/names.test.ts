import { describe, expect, it } from 'vitest';
import { qualify, splitQualified } from './names.js';

describe('qualified names', () => {
  it('qualifies a bare name with its provider and leaves qualified names alone', () => {
    expect(qualify('api', 'file')).toBe('api@file');
    expect(qualify('auth@docker', 'file')).toBe('auth@docker');
  });
  it('splits on the last @', () => {
    expect(splitQualified('a@b@docker')).toEqual({ name: 'a@b', provider: 'docker' });
    expect(splitQualified('plain')).toEqual({ name: 'plain', provider: '' });
  });
});
