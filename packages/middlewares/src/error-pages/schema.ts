import { Type, type Static } from '@sinclair/typebox';
import { StatusRangesSchema } from '../options/status-ranges.js';

export const ErrorPagesSchema = Type.Object(
  {
    status: StatusRangesSchema,
    service: Type.String({ minLength: 1 }),
    /** `/{status}.html`; placeholders {status}, {originalStatus}, {url} */
    query: Type.Optional(Type.String()),
    /** `{"500-503": 500}`: status sent to the client for matching original statuses */
    statusRewrites: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 100, maximum: 599 }))),
    /** request headers forwarded to the error page service (default: none besides Host/Accept) */
    errorRequestHeaders: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type ErrorPagesOptions = Static<typeof ErrorPagesSchema>;
