import { Type, type Static } from '@sinclair/typebox';

/** `providers.file.*` (Traefik): `filename` and `directory` are mutually exclusive. */
export const FileProviderOptionsSchema = Type.Object({
  filename: Type.Optional(Type.String()),
  directory: Type.Optional(Type.String()),
  watch: Type.Optional(Type.Boolean({ default: true })),
});

export type FileProviderOptions = Static<typeof FileProviderOptionsSchema>;

/** Structurally the runtime's `RuntimeLogger` (message first, then fields). */
export interface FileProviderLogger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn?(msg: string, fields?: Record<string, unknown>): void;
  debug?(msg: string, fields?: Record<string, unknown>): void;
}

export interface FileProviderDeps {
  /** debounce of file-system events before a re-read (default 80 ms) */
  throttleMs?: number;
  logger?: FileProviderLogger;
}
