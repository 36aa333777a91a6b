import type { LogFields, Logger } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { createAggregator } from './aggregate/aggregator.js';
import { config, lb, testRuntime } from './fixtures/runtime.js';

function recordingLogger() {
  const debug: Array<{ msg: string; fields: LogFields | undefined }> = [];
  const logger: Logger = { debug: (msg, fields) => void debug.push({ msg, fields }), info() {}, warn() {}, error() {} };
  return { logger, debug };
}

// issue 11, observability: --log.level=DEBUG tells a person debugging what happened
describe('debug log', () => {
  it('the runtime logs each generation compiled and applied, with timings', () => {
    const { logger, debug } = recordingLogger();
    const { runtime } = testRuntime({ logger });
    runtime.apply(config({ routers: { 'r@file': { rule: 'Path(`/`)', service: 's@file' } }, services: { 's@file': lb('http://10.0.0.1') } }), []);
    const compiled = debug.find((d) => d.msg === 'generation compiled');
    expect(compiled?.fields).toMatchObject({ routers: 1, compileMs: expect.any(Number) });
    expect(debug.find((d) => d.msg === 'generation applied')?.fields).toMatchObject({ reloadMs: expect.any(Number) });
    runtime.close();
  });

  it('the aggregator logs configuration received per provider with counts', async () => {
    const { logger, debug } = recordingLogger();
    const aggregator = createAggregator({
      providers: [
        {
          name: 'file',
          start: async (emit, signal) => {
            emit({ config: config({ routers: { r: { rule: 'Path(`/`)', service: 's' } }, services: { s: lb('http://x') } }), diagnostics: [] });
            await new Promise((r) => signal.addEventListener('abort', r, { once: true }));
          },
        },
      ],
      onConfig: () => {},
      logger,
      throttleMs: 10,
    });
    aggregator.start();
    await new Promise((r) => setTimeout(r, 50));
    await aggregator.close();
    expect(debug.find((d) => d.msg === 'configuration received')?.fields).toMatchObject({ provider: 'file', routers: 1, services: 1, middlewares: 0 });
  });
});
