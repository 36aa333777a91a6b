import type { ServerConfig } from '@wharf/config';
import { LoadBalancerErrors } from './errors.js';
import { ServerSlot } from './server-slot.js';

function normaliseWeight(weight: number | undefined): number {
  if (weight === undefined) return 1;
  return Number.isFinite(weight) && weight > 0 ? weight : 0;
}

/**
 * Builds the balancer's servers: absolute http(s) URLs (else `WHARF_LB_INVALID_SERVER_URL`),
 * weight default 1 (≤ 0 ⇒ 0: listed but never picked); a repeated URL keeps its first entry.
 */
export function buildServerSlots(servers: readonly ServerConfig[]): ServerSlot[] {
  const slots: ServerSlot[] = [];
  const seen = new Set<string>();
  for (const server of servers) {
    const url = server.url;
    if (typeof url !== 'string' || !URL.canParse(url)) throw LoadBalancerErrors.invalidServerUrl(String(url));
    const protocol = new URL(url).protocol;
    if (protocol !== 'http:' && protocol !== 'https:' && protocol !== 'h2c:') {
      throw LoadBalancerErrors.invalidServerUrl(url);
    }
    if (seen.has(url)) continue;
    seen.add(url);
    slots.push(new ServerSlot(Object.freeze({ url, weight: normaliseWeight(server.weight) }), slots.length));
  }
  return slots;
}
