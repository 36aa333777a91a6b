import { lookup } from 'node:dns/promises';

/**
 * Address of `network_mode: host` containers (Traefik order): `host.docker.internal`, then
 * `host.containers.internal`, then 127.0.0.1 (wharf itself runs on the host).
 */
export async function resolveHostAddress(resolve: (name: string) => Promise<string> = defaultResolve): Promise<string> {
  for (const name of ['host.docker.internal', 'host.containers.internal']) {
    try {
      return await resolve(name);
    } catch {
      // not defined here: try the next candidate
    }
  }
  return '127.0.0.1';
}

/** DNS lookup bounded to 1 s, so a slow resolver never delays the first snapshot much. */
async function defaultResolve(name: string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('lookup timed out')), 1000); });
  try {
    const { address, family } = await Promise.race([lookup(name), timeout]);
    return family === 6 ? `[${address}]` : address;
  } finally {
    clearTimeout(timer);
  }
}
