import { defineMiddleware } from '../types.js';
import { createGrpcWeb } from './grpc-web.js';
import { GrpcWebSchema } from './schema.js';

export const grpcWeb = defineMiddleware({ key: 'grpcWeb', schema: GrpcWebSchema, create: createGrpcWeb });
