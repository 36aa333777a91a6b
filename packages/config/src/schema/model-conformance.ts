import type { Static } from '@sinclair/typebox';
import type { DynamicConfig } from '../model/dynamic.js';
import type { MiddlewareConfig, RouterConfig, ServiceConfig } from '../model/http.js';
import type { DynamicConfigSchema, MiddlewareSpecSchema } from './dynamic.js';
import type { RouterSchema } from './router.js';
import type { ServiceSchema } from './service.js';
import type { TlsOptionsSchema, TlsStoreSchema } from './tls.js';
import type { TlsOptionsConfig, TlsStoreConfig } from '../model/tls.js';

/** Compile-time proof that decoded values fit the model contract (tsc fails otherwise). */
type Assignable<A, B> = [A] extends [B] ? true : never;

export type SchemaConformance = [
  Assignable<Static<typeof RouterSchema>, RouterConfig>,
  Assignable<RouterConfig, Static<typeof RouterSchema>>,
  Assignable<Static<typeof ServiceSchema>, ServiceConfig>,
  Assignable<ServiceConfig, Static<typeof ServiceSchema>>,
  Assignable<Static<typeof MiddlewareSpecSchema>, MiddlewareConfig>,
  Assignable<NonNullable<Static<typeof DynamicConfigSchema>['tls']>, NonNullable<DynamicConfig['tls']>>,
  Assignable<NonNullable<DynamicConfig['tls']>, NonNullable<Static<typeof DynamicConfigSchema>['tls']>>,
  Assignable<Static<typeof TlsOptionsSchema>, TlsOptionsConfig>,
  Assignable<TlsOptionsConfig, Static<typeof TlsOptionsSchema>>,
  Assignable<Static<typeof TlsStoreSchema>, TlsStoreConfig>,
  Assignable<TlsStoreConfig, Static<typeof TlsStoreSchema>>,
];

export const schemaConformance: SchemaConformance = [true, true, true, true, true, true, true, true, true, true, true];
