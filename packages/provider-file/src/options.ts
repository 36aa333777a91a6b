import { Type, type Static } from '@sinclair/typebox';
import type { Logger } from '@wharf/config';

/** `providers.file.*` (Traefik): `filename` and `directory` are mutually exclusive. */
export const FileProviderOptionsSchema = Type.Object({
  filename: Type.Optional(Type.String()),
  directory: Type.Optional(Type.String()),
  watch: Type.Optional(Type.Boolean({ default: true })),
  /** bytes; wharf's addition (Traefik has no cap): a larger file keeps its last good content */
  maxFileSize: Type.Optional(Type.Integer({ minimum: 1 })),
});

export type FileProviderOptions = Static<typeof FileProviderOptionsSchema>;

export interface FileProviderDeps {
  /** debounce of file-system events before a re-read (default 80 ms) */
  throttleMs?: number;
  /** read, parse and decode in a worker thread (default: when running compiled, from dist) */
  offThread?: boolean;
  /** default: silent */
  logger?: Logger;
}
