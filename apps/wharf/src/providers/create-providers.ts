import type { Logger, Provider } from '@wharf/config';
import { providerKinds } from './registry.js';

/**
 * The providers enabled in the static configuration (`providers.<name>` present and not
 * `false`), in the registry's precedence order. Options arrive validated and defaulted; a kind
 * that loads its package on demand is loaded here, so a factory's error still fails the start.
 */
export async function createProviders(config: { providers: object }, logger: Logger): Promise<Provider[]> {
  const enabled = config.providers as Record<string, unknown>;
  const out: Array<Provider | Promise<Provider>> = [];
  for (const kind of providerKinds) {
    const options = enabled[kind.name];
    if (options === undefined || options === false) continue;
    out.push(kind.create((options === true ? {} : options) as never, logger));
  }
  return Promise.all(out);
}
