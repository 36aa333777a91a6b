import { Type, type Static } from '@sinclair/typebox';

/** `providers.file.*` (Traefik): `filename` and `directory` are mutually exclusive. */
export const FileProviderOptionsSchema = Type.Object({
  filename: Type.Optional(Type.String()),
  directory: Type.Optional(Type.String()),
  watch: Type.Optional(Type.Boolean({ default: true })),
});

export type FileProviderOptions = Static<typeof FileProviderOptionsSchema>;

/** Minimal pino-compatible logger. */
export interface FileProviderLogger {
  error(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

export interface FileProviderDeps {
  /** debounce of file-system events before a re-read (default 80 ms) */
  throttleMs?: number;
  logger?: FileProviderLogger;
}
