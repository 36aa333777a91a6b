import { describe, expect, it } from 'vitest';
import { silentLogger } from '@wharf/config';
import { staticHelp } from '../static/index.js';
import { StaticConfigSchema } from '../static/schema.js';
import { createProviders } from './create-providers.js';
import { providerKinds } from './registry.js';

describe('provider registry', () => {
  it('gives every kind its static schema and help line', () => {
    const props = StaticConfigSchema.properties.providers.properties as Record<string, unknown>;
    const help = staticHelp();
    for (const kind of providerKinds) {
      expect(props[kind.name]).toBeDefined();
      expect(help).toContain(`--providers.${kind.name} `);
    }
  });

  it('creates enabled providers only, in registry order, each under its own name', async () => {
    const providers = await createProviders({ providers: { redis: { endpoints: ['127.0.0.1:1'] }, file: { filename: '/nonexistent.yml' }, docker: false } }, silentLogger);
    expect(providers.map((p) => p.name)).toEqual(['file', 'redis']);
  });
});
