import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { md5Crypt } from './apr1.js';
import { verifyHtpasswd } from './htpasswd.js';

/** produced by Debian apache2-utils `htpasswd -nbm/-nbs/-nbB` for the password `secret` */
const FIXTURES = [
  '$apr1$jGsq2GyC$cRBpov0dmSCzN9BrcSvN60',
  '{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=',
  '$2y$05$Yy7ZxEJFWiKhKqr1sxDkUeOpSsBLlOlSlD29pMaRZBNrKFnp8w29m',
];
const HTPASSWD = '/usr/bin/htpasswd';

describe('htpasswd verification', () => {
  it.each(FIXTURES)('accepts the right password and rejects a wrong one for %s', async (hash) => {
    expect(await verifyHtpasswd('secret', hash)).toBe(true);
    expect(await verifyHtpasswd('Secret', hash)).toBe(false);
  });
  it('computes apr1 exactly like htpasswd', () => {
    expect(md5Crypt('secret', 'jGsq2GyC')).toBe(FIXTURES[0]);
  });
  it('accepts $2a$/$2b$ bcrypt and plain text', async () => {
    expect(await verifyHtpasswd('secret', FIXTURES[2]!.replace('$2y$', '$2a$'))).toBe(true);
    expect(await verifyHtpasswd('secret', FIXTURES[2]!.replace('$2y$', '$2b$'))).toBe(true);
    expect(await verifyHtpasswd('plain', 'plain')).toBe(true);
  });
  const haveBinary = existsSync(HTPASSWD);
  if (!haveBinary && process.env.CI) it('htpasswd binary present in CI', () => expect(haveBinary).toBe(true));
  it.skipIf(!haveBinary)('verifies fresh hashes from the real htpasswd (m, s, B) incl. special characters', async () => {
    for (const flag of ['-nbm', '-nbs', '-nbB']) {
      for (const pw of ['p@ss$word', 'ünïcødé', 'a']) {
        const line = execFileSync(HTPASSWD, [flag, ...(flag === '-nbB' ? ['-C', '4'] : []), 'u', pw], { encoding: 'utf8' }).trim();
        const hash = line.slice(line.indexOf(':') + 1);
        expect(await verifyHtpasswd(pw, hash), `${flag} ${pw}`).toBe(true);
        expect(await verifyHtpasswd(`${pw}x`, hash)).toBe(false);
      }
    }
  });
});
