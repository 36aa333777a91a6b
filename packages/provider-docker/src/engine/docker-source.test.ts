import { describe, expect, it } from 'vitest';
import { modemOptions, negotiateApiVersion } from './docker-source.js';

describe('docker client options', () => {
  it.each([['1.41', '1.41'], ['1.52', '1.51'], ['1.9', '1.9'], ['2.0', '1.51']])('negotiates server %s → %s', (server, v) => {
    expect(negotiateApiVersion(server)).toBe(v);
  });
  it.each([
    ['unix:///var/run/docker.sock', { socketPath: '/var/run/docker.sock' }],
    ['tcp://10.0.0.1:2375', { host: '10.0.0.1', port: '2375', protocol: 'http' }],
    ['http://proxy:2375', { host: 'proxy', port: '2375', protocol: 'http' }],
    ['tcp://secure', { host: 'secure', port: 2376, protocol: 'https' }],
  ])('endpoint %s', (endpoint, expected) => {
    const tls = endpoint === 'tcp://secure' ? { ca: 'x' } : undefined;
    expect(modemOptions({ endpoint, tls })).toMatchObject(expected);
  });
});
