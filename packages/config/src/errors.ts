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
  readonly code: string;
  readonly statusCode: number;
}

/** `defineError('WHARF_X', 502, (a: string) => \`bad ${a}\`)` → factory with a stable code. */
export function defineError<A extends unknown[]>(
  code: string,
  statusCode: number,
  message: (...args: A) => string,
): ErrorFactory<A> {
  const factory = ((...args: A) => new WharfError(code, statusCode, message(...args))) as ErrorFactory<A>;
  Object.defineProperty(factory, 'code', { value: code });
  Object.defineProperty(factory, 'statusCode', { value: statusCode });
  return factory;
}

export function isWharfError(err: unknown, code?: string): err is WharfError {
  return err instanceof WharfError && (code === undefined || err.code === code);
}
