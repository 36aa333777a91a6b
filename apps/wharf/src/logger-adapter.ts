import type { Logger } from '@wharf/config';
import type { Logger as PinoLogger } from './logger.js';

/** The one adapter from pino (`log(fields, msg)`) to the packages' `Logger` (`log(msg, fields)`). */
export function toLogger(logger: PinoLogger): Logger {
  return {
    debug: (msg, fields) => logger.debug(fields ?? {}, msg),
    info: (msg, fields) => logger.info(fields ?? {}, msg),
    warn: (msg, fields) => logger.warn(fields ?? {}, msg),
    error: (msg, fields) => logger.error(fields ?? {}, msg),
  };
}
