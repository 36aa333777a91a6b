import { readHeader } from '@wharf/config';
import type { HttpExchange, HttpStep } from '@wharf/config';
import { createAdmitUser } from '../credentials/authenticated-user.js';
import { verifyHtpasswd } from '../credentials/htpasswd.js';
import { loadUserLines, parseHtpasswd } from '../credentials/user-list.js';
import { createVerifiedCache } from '../credentials/verified-cache.js';
import { MiddlewareErrors } from '../errors.js';
import { textResponse } from '../response.js';
import type { MiddlewareContext } from '../types.js';
import type { BasicAuthOptions } from './schema.js';

function credentials(ex: HttpExchange): { user: string; password: string } | undefined {
  const header = readHeader(ex.headers, 'authorization');
  const m = header ? /^basic\s+(\S+)$/i.exec(header.trim()) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

/** HTTP Basic authentication against htpasswd users (bcrypt, apr1-MD5, SHA1). */
export function createBasicAuth(options: BasicAuthOptions, ctx: MiddlewareContext): HttpStep {
  const users = parseHtpasswd(loadUserLines(options.users, options.usersFile, ctx.name));
  if (users.size === 0) throw MiddlewareErrors.invalidOptions(ctx.name, 'basicAuth needs users or usersFile');
  const realm = (options.realm ?? 'traefik').replace(/"/g, '\\"');
  const admitUser = createAdmitUser(options);
  const verified = createVerifiedCache();
  const check = async (user: string, password: string): Promise<boolean> => {
    const hash = users.get(user);
    if (hash === undefined) return false;
    if (verified.has(user, password, hash)) return true;
    const good = await verifyHtpasswd(password, hash);
    if (good) verified.add(user, password, hash);
    return good;
  };
  const unauthorized = () => textResponse(401, '401 Unauthorized\n', { 'www-authenticate': `Basic realm="${realm}"` });
  return async (ex, next) => {
    const creds = credentials(ex);
    if (!creds || !(await check(creds.user, creds.password))) return unauthorized();
    admitUser(ex, creds.user);
    return next();
  };
}
