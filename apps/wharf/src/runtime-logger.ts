import type { RuntimeLogger } from '@wharf/runtime';
import type { Logger } from './logger.js';

/** Adapts pino (`log(fields, msg)`) to the packages' `log(msg, fields)` seam. */
export function toRuntimeLogger(logger: Logger): RuntimeLogger {
  return {
    debug: (msg, fields) => logger.debug(fields ?? {}, msg),
    info: (msg, fields) => logger.info(fields ?? {}, msg),
    warn: (msg, fields) => logger.warn(fields ?? {}, msg),
    error: (msg, fields) => logger.error(fields ?? {}, msg),
  };
}
