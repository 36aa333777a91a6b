import type { WharfCertificate } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { certificateState, expiryOf, expiryText, sourceText } from './expiry.js';

const now = Date.parse('2026-12-01T12:00:00.000Z');
const day = 24 * 3600 * 1000;
const at = (ms: number): string => new Date(now + ms).toISOString();

const cert = (patch: Partial<WharfCertificate>): WharfCertificate => ({
  id: 'ab', subject: 'a.example', sans: ['a.example'], issuer: 'CA', notBefore: at(-30 * day), notAfter: at(60 * day),
  serial: '1', source: { kind: 'file', path: '/certs/a.pem' }, stores: ['default'], routers: [], servedRouters: [], status: 'enabled', warnings: [], errors: [],
  ...patch,
});

describe('expiryOf', () => {
  it('is valid from 14 days left, expiring below, expired once past notAfter', () => {
    expect(expiryOf(at(14 * day), now)).toEqual({ state: 'valid', daysLeft: 14 });
    expect(expiryOf(at(14 * day - 1), now)).toEqual({ state: 'expiring', daysLeft: 13 });
    expect(expiryOf(at(0), now)).toEqual({ state: 'expiring', daysLeft: 0 });
    expect(expiryOf(at(-1), now)).toEqual({ state: 'expired', daysLeft: -1 });
    expect(expiryOf(at(-3 * day), now)).toEqual({ state: 'expired', daysLeft: -3 });
  });

  it('does not guess for a certificate without dates (unparsed)', () => {
    expect(expiryOf('', now)).toEqual({ state: 'unknown' });
    expect(expiryText(expiryOf('', now))).toBe('no expiry date');
  });

  it('says it in words', () => {
    expect(expiryText(expiryOf(at(5 * day + 10), now))).toBe('in 5 days');
    expect(expiryText(expiryOf(at(day + 10), now))).toBe('in 1 day');
    expect(expiryText(expiryOf(at(10), now))).toBe('expires today');
    expect(expiryText(expiryOf(at(-2 * day), now))).toBe('expired 2 days ago');
    expect(expiryText(expiryOf(at(-day), now))).toBe('expired 1 day ago');
  });
});

describe('certificateState', () => {
  it('worsens the API status with the expiry as of now', () => {
    expect(certificateState(cert({}), now)).toBe('enabled');
    expect(certificateState(cert({ notAfter: at(3 * day) }), now)).toBe('warning');
    expect(certificateState(cert({ notAfter: at(-day) }), now)).toBe('disabled');
    expect(certificateState(cert({ warnings: ['w'] }), now)).toBe('warning');
    expect(certificateState(cert({ status: 'disabled', errors: ['TLS_KEY_MISMATCH: no'] }), now)).toBe('disabled');
  });

  it('names every kind of source', () => {
    expect(sourceText({ kind: 'file', path: '/c.pem' })).toBe('/c.pem');
    expect(sourceText({ kind: 'inline', provider: '' })).toBe('inline PEM');
    expect(sourceText({ kind: 'inline', provider: 'file' })).toBe('inline PEM (file)');
    expect(sourceText({ kind: 'resolver', resolver: 'le' })).toBe('resolver le');
    expect(sourceText({ kind: 'default' })).toBe('generated default certificate');
  });
});
