import { describe, expect, it } from 'vitest';
import { normalizeHost } from './normalize-host.js';

describe('normalizeHost', () => {
  it.each<[string | undefined, string]>([
    [undefined, ''],
    ['', ''],
    ['example.com', 'example.com'],
    ['Example.COM', 'example.com'],
    ['example.com:8080', 'example.com'],
    ['example.com.', 'example.com'],
    ['Example.com.:443', 'example.com'],
    ['user:pw@example.com:80', 'example.com'],
    ['[::1]:8080', '::1'],
    ['[::1]', '::1'],
    ['[2001:DB8::1]', '2001:db8::1'],
    ['::1', '::1'],
    ['127.0.0.1:80', '127.0.0.1'],
    [' example.com ', 'example.com'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected);
  });
});
