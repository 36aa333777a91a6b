import { defineMiddleware } from '../types.js';
import { createInFlightReq } from './in-flight-req.js';
import { InFlightReqSchema } from './schema.js';

export const inFlightReq = defineMiddleware({ key: 'inFlightReq', schema: InFlightReqSchema, create: createInFlightReq });
