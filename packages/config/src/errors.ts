/**
 * Coded errors, one module per package (fastify/undici style). Branch on `code`, never on messages.
 */
export class WharfError extends Error {
  readonly code: string;
  readonly statusCode: number;
  constructor(code: string, statusCode: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WharfError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

export interface ErrorFactory<A extends unknown[]> {
  (...args: A): WharfError;
  /** the same error wrapping a lower-level one (`err.cause`, the standard `Error` option) */
  withCause(cause: unknown, ...args: A): WharfError;
  readonly code: string;
  readonly statusCode: number;
}

/**
 * `defineError('WHARF_X', 502, (a: string) => \`bad ${a}\`)` → factory with a stable code;
 * `factory(a)` makes the error, `factory.withCause(err, a)` the error caused by `err`.
 */
export function defineError<A extends unknown[]>(
  code: string,
  statusCode: number,
  message: (...args: A) => string,
): ErrorFactory<A> {
  const factory = ((...args: A) => new WharfError(code, statusCode, message(...args))) as ErrorFactory<A>;
  const withCause = (cause: unknown, ...args: A) => new WharfError(code, statusCode, message(...args), { cause });
  Object.defineProperty(factory, 'withCause', { value: withCause });
  Object.defineProperty(factory, 'code', { value: code });
  Object.defineProperty(factory, 'statusCode', { value: statusCode });
  return factory;
}

export function isWharfError(err: unknown, code?: string): err is WharfError {
  return err instanceof WharfError && (code === undefined || err.code === code);
}
