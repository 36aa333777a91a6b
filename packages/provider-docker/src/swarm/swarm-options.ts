import { Type, type Static } from '@sinclair/typebox';
import { DurationSchema } from '@wharf/config';
import { engineOptionProperties, ENGINE_OPTION_DEFAULTS, withDefaults } from '../options.js';

/** `providers.swarm.*` (Traefik v3 names and defaults, `pkg/provider/docker/pswarm.go`). */
export const SwarmProviderOptionsSchema = Type.Object(
  {
    ...engineOptionProperties('Docker endpoint of a swarm manager'),
    refreshSeconds: Type.Union(DurationSchema.anyOf, { default: '15s', description: 'polling period of services and tasks' }),
  },
  { additionalProperties: false },
);

export type SwarmProviderOptions = Static<typeof SwarmProviderOptionsSchema>;
export type SwarmProviderOptionsInput = Partial<SwarmProviderOptions>;

export const SWARM_PROVIDER_DEFAULTS: Readonly<SwarmProviderOptions> = Object.freeze({ ...ENGINE_OPTION_DEFAULTS, refreshSeconds: '15s' });

export function resolveSwarmOptions(input: SwarmProviderOptionsInput = {}): SwarmProviderOptions {
  return withDefaults(SWARM_PROVIDER_DEFAULTS, input);
}
