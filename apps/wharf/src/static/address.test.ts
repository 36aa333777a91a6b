import { describe, expect, it } from 'vitest';
import { isWharfError } from '@wharf/config';
import { parseAddress } from './address.js';

describe('parseAddress', () => {
  it.each([
    [':80', { port: 80, protocol: 'tcp' }],
    ['127.0.0.1:8001', { host: '127.0.0.1', port: 8001, protocol: 'tcp' }],
    ['[::1]:80', { host: '::1', port: 80, protocol: 'tcp' }],
    [':53/udp', { port: 53, protocol: 'udp' }],
    ['0.0.0.0:443/TCP', { host: '0.0.0.0', port: 443, protocol: 'tcp' }],
    ['localhost:0', { host: 'localhost', port: 0, protocol: 'tcp' }],
  ])('%s', (input, expected) => {
    expect(parseAddress(input)).toEqual(expected);
  });

  it.each(['80', ':http', ':70000', '::1:80', ':80/sctp', '[::1]80', ''])('rejects %j', (input) => {
    let caught: unknown;
    try {
      parseAddress(input);
    } catch (err) {
      caught = err;
    }
    expect(isWharfError(caught, 'WHARF_STATIC_BAD_ADDRESS')).toBe(true);
  });
});
