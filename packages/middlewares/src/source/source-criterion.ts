import { Type, type Static } from '@sinclair/typebox';
import { readHeader } from '@wharf/config';
import type { HttpExchange } from '@wharf/config';
import { compileIPStrategy, IPStrategySchema } from './ip-strategy.js';

export const SourceCriterionSchema = Type.Object(
  {
    ipStrategy: Type.Optional(IPStrategySchema),
    requestHeaderName: Type.Optional(Type.String({ minLength: 1 })),
    requestHost: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SourceCriterionOptions = Static<typeof SourceCriterionSchema>;

/** Key that groups requests (rateLimit, inFlightReq); '' when it cannot be determined. */
export type SourceExtractor = (ex: HttpExchange) => string;

/** Traefik precedence: ipStrategy, then requestHeaderName, then requestHost; default: the socket IP. */
export function compileSourceCriterion(c: SourceCriterionOptions | undefined, middleware: string): SourceExtractor {
  if (c?.ipStrategy || (!c?.requestHeaderName && !c?.requestHost)) return compileIPStrategy(c?.ipStrategy, middleware);
  if (c.requestHeaderName) {
    const name = c.requestHeaderName.toLowerCase();
    return (ex) => readHeader(ex.headers, name) ?? '';
  }
  return (ex) => ex.host;
}
