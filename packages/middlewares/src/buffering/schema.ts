import { Type, type Static } from '@sinclair/typebox';

export const BufferingSchema = Type.Object(
  {
    /** 0 (default) = no limit; larger → 413 */
    maxRequestBodyBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    /** accepted for compatibility: wharf keeps buffered bodies in memory */
    memRequestBodyBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    /** 0 (default) = no limit; larger → 500 */
    maxResponseBodyBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    memResponseBodyBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    /** e.g. `IsNetworkError() && Attempts() < 2` */
    retryExpression: Type.Optional(Type.String({ minLength: 1 })),
    disableRequestBuffer: Type.Optional(Type.Boolean()),
    disableResponseBuffer: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type BufferingOptions = Static<typeof BufferingSchema>;
