import { defineServiceKind } from '../service-kind.js';
import { createFailoverService } from './failover-service.js';

export const failover = defineServiceKind({
  key: 'failover',
  type: 'failover',
  required: ['service', 'fallback'],
  members: (config) => [config.service ?? '', config.fallback ?? ''].filter(Boolean),
  create(config, ctx) {
    const main = ctx.resolve(config.service);
    const fallback = main && ctx.resolve(config.fallback);
    return main && fallback ? createFailoverService({ name: ctx.name, main, fallback }) : undefined;
  },
});
