/**
 * The one logging seam every package receives (the app adapts pino to it). Fields are structured
 * context (`{ provider: 'docker', err }`); messages are plain sentences without interpolation.
 */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
