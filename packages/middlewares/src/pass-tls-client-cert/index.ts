import { defineMiddleware } from '../types.js';
import { createPassTLSClientCert } from './pass-tls-client-cert.js';
import { PassTLSClientCertSchema } from './schema.js';

export const passTLSClientCert = defineMiddleware({ key: 'passTLSClientCert', schema: PassTLSClientCertSchema, create: createPassTLSClientCert });
