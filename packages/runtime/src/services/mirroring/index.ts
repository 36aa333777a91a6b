import { defineServiceKind } from '../service-kind.js';
import { createMirroringService } from './mirroring-service.js';

export const mirroring = defineServiceKind({
  key: 'mirroring',
  type: 'mirroring',
  required: ['service'],
  members: (config) => [config.service ?? '', ...(config.mirrors ?? []).map((m) => m.name)].filter(Boolean),
  create(config, ctx) {
    const main = ctx.resolve(config.service);
    return main ? createMirroringService({ name: ctx.name, config, main, resolve: ctx.resolve, logger: ctx.logger }) : undefined;
  },
});
