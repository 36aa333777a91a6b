import { open } from 'node:fs/promises';
import type { Diagnostic } from '@wharf/config';
import { resolveNameservers } from './resolve-options.js';
import { nameserversOfResolvConf, type NameserverAddress } from './resolver-address.js';

export const RESOLV_CONF = '/etc/resolv.conf';
const MAX_BYTES = 64 * 1024;

/** The nameservers of resolv.conf (HAProxy `parse-resolv-conf`); reads at most 64 KiB. */
export async function systemNameservers(path: string, diagnostics: Diagnostic[]): Promise<{ nameservers: NameserverAddress[]; reason?: string }> {
  let text: string;
  try {
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(MAX_BYTES);
      const { bytesRead } = await file.read(buffer, 0, MAX_BYTES, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await file.close();
    }
  } catch (err) {
    return { nameservers: [], reason: `${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}) and providers.dns.resolvers is not set` };
  }
  const nameservers = resolveNameservers(nameserversOfResolvConf(text), path, diagnostics);
  return nameservers.length > 0 ? { nameservers } : { nameservers, reason: `${path} lists no usable nameserver and providers.dns.resolvers is not set` };
}
