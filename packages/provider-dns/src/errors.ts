import { defineError } from '@wharf/config';

/**
 * No nameserver to ask: none configured and none readable in /etc/resolv.conf. The provider
 * returns with this error and the provider runner retries with backoff. (A nameserver that stops
 * answering is not this error: that is a `timeout` resolution status with its `hold`.)
 */
export const DnsNoResolversError = defineError('WHARF_DNS_NO_RESOLVERS', 503, (why: string) =>
  `the dns provider has no nameserver to query: ${why}`);
