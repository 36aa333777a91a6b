import type { OutgoingHttpHeaders } from 'node:http';
import type { HttpStep } from '@wharf/config';
import { bufferRequestBody } from '../body/request-body.js';
import { CLIENT_USERNAME_LOCAL } from '../client-username.js';
import { compileGoRegex } from '../options/go-regex.js';
import { textResponse, withOwnHeaders } from '../response.js';
import type { MiddlewareContext } from '../types.js';
import { createAuthClient, type AuthReply } from './auth-client.js';
import { authRequestHeaders, copyAuthResponseHeaders, HOP_BY_HOP, mergeAuthCookies } from './auth-headers.js';
import type { ForwardAuthOptions } from './schema.js';

function denial(reply: AuthReply, address: string, preserveLocation: boolean) {
  const headers: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(reply.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
  if (typeof headers.location === 'string' && !preserveLocation) headers.location = new URL(headers.location, address).toString();
  headers['content-length'] = reply.body.length;
  return { status: reply.status, headers, body: reply.body };
}

/** Asks `address` first: 2xx continues (with copied headers), anything else is returned to the client. */
export function createForwardAuth(o: ForwardAuthOptions, ctx: MiddlewareContext): HttpStep {
  const send = createAuthClient(o, ctx.signal, ctx.name);
  const names = (o.authResponseHeaders ?? []).map((h) => h.toLowerCase());
  const regex = o.authResponseHeadersRegex ? compileGoRegex(o.authResponseHeadersRegex, { ignoreCase: true }) : undefined;
  const cookieNames = new Set(o.addAuthCookiesToResponse ?? []);
  const userHeader = o.headerField?.toLowerCase();
  const maxBody = o.maxBodySize === undefined || o.maxBodySize < 0 ? Infinity : o.maxBodySize;

  return async (ex, next) => {
    let body: Buffer | undefined;
    if (o.forwardBody) {
      if ((await bufferRequestBody(ex, maxBody)) === 'too-large') return textResponse(401, 'Unauthorized');
      body = ex.body;
    }
    let reply: AuthReply;
    try {
      reply = await send(o.preserveRequestMethod ? ex.method : 'GET', authRequestHeaders(ex, o, body?.length), body);
    } catch (err) {
      ctx.logger?.warn('forwardAuth: auth server unreachable', { middleware: ctx.name, address: o.address, error: (err as Error).message });
      return textResponse(500, 'Internal Server Error');
    }
    if (reply.truncated) return textResponse(401, 'Unauthorized');
    const user = userHeader ? reply.headers[userHeader] : undefined;
    if (user !== undefined) ex.locals.set(CLIENT_USERNAME_LOCAL, Array.isArray(user) ? user[0] : user);
    if (reply.status < 200 || reply.status >= 300) return denial(reply, o.address, o.preserveLocationHeader ?? false);
    copyAuthResponseHeaders(ex, reply.headers, names, regex);
    const res = withOwnHeaders(await next());
    mergeAuthCookies(res.headers, reply.headers, cookieNames);
    return res;
  };
}
