import { parseIpAddress, parseIpRange, rangeContains, type IpRange } from '@wharf/config';
import { MatcherArgumentError } from '../errors.js';
import type { Matcher } from '../types.js';
import { anyOf, type MatcherDefinition } from './definition.js';

function parseClientIpArg(arg: string, argIndex = 0): IpRange {
  const range = parseIpRange(arg);
  if (range === null) throw new MatcherArgumentError(`invalid IP address or CIDR ${arg}`, argIndex);
  return range;
}

/** the socket address only (X-Forwarded-For is ignored); `::ffff:a.b.c.d` counts as IPv4 */
function clientIpMatcher(range: IpRange): Matcher {
  return (req) => {
    const address = parseIpAddress(req.clientIP);
    return address !== null && rangeContains(range, address);
  };
}

export const clientIP: MatcherDefinition = {
  name: 'ClientIP',
  minArgs: 1,
  maxArgs: 1,
  build: ([arg]) => clientIpMatcher(parseClientIpArg(arg)),
};

/** v2: `ClientIP(`10.0.0.0/8`, `::1`)` = any of them */
export const clientIPv2: MatcherDefinition = {
  name: 'ClientIP',
  minArgs: 1,
  maxArgs: Infinity,
  build: (args) => anyOf(args.map((arg, i) => clientIpMatcher(parseClientIpArg(arg, i)))),
};
