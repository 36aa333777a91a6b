import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { md5Crypt } from './apr1.js';
import { safeEqual } from './safe-equal.js';

/** Checks a password against an htpasswd hash: bcrypt ($2a$/$2b$/$2y$), $apr1$, $1$, {SHA}, or plain text. */
export async function verifyHtpasswd(password: string, hash: string): Promise<boolean> {
  if (/^\$2[aby]?\$/.test(hash)) return bcrypt.compare(password, hash.replace(/^\$2y\$/, '$2b$'));
  if (hash.startsWith('$apr1$')) return safeEqual(md5Crypt(password, hash.slice(6), '$apr1$'), hash);
  if (hash.startsWith('$1$')) return safeEqual(md5Crypt(password, hash.slice(3), '$1$'), hash);
  if (hash.startsWith('{SHA}')) return safeEqual(`{SHA}${createHash('sha1').update(password).digest('base64')}`, hash);
  return safeEqual(password, hash);
}
