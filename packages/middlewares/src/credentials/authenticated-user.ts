import type { HttpExchange } from '@wharf/config';
import { CLIENT_USERNAME_LOCAL } from '../client-username.js';

export interface AdmitUserOptions {
  /** request header that receives the user name (any case) */
  headerField?: string | undefined;
  /** drop the client's `Authorization` header before forwarding */
  removeHeader?: boolean | undefined;
}

/**
 * What basicAuth and digestAuth do after a successful check (Traefik): record the user for the
 * access log, forward it in `headerField`, and remove `Authorization` when asked.
 */
export function createAdmitUser(options: AdmitUserOptions): (ex: HttpExchange, user: string) => void {
  const headerField = options.headerField?.toLowerCase();
  return (ex, user) => {
    ex.locals.set(CLIENT_USERNAME_LOCAL, user);
    if (headerField) ex.headers[headerField] = user;
    if (options.removeHeader) delete ex.headers.authorization;
  };
}
