import type { HttpHandler, HttpStep, Logger } from '@wharf/config';
import type { MiddlewareContext } from '../types.js';

/** A MiddlewareContext for tests; returns the controller so the test can retire the generation. */
export function fakeContext(over: {
  services?: Record<string, HttpHandler>;
  middlewares?: Record<string, HttpStep>;
  logger?: Logger;
} = {}): { ctx: MiddlewareContext; controller: AbortController } {
  const controller = new AbortController();
  const ctx: MiddlewareContext = {
    name: 'test@file',
    provider: 'file',
    signal: controller.signal,
    logger: over.logger,
    resolveService: (name) => over.services?.[name],
    resolveMiddlewares: (names) =>
      names.map((n) => {
        const step = over.middlewares?.[n];
        if (!step) throw new Error(`unknown middleware ${n}`);
        return step;
      }),
  };
  return { ctx, controller };
}
