import { defineServiceKind } from '../service-kind.js';
import { createWeightedService } from './weighted-service.js';

export const weighted = defineServiceKind({
  key: 'weighted',
  type: 'weighted',
  members: (config) => (config.services ?? []).map((c) => c.name),
  create: (config, ctx) => createWeightedService({ name: ctx.name, config, resolve: ctx.resolve }),
});
