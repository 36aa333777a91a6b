/** The logging seam: the app passes its logger (pino-compatible method names). */
export interface RuntimeLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: RuntimeLogger = { debug() {}, info() {}, warn() {}, error() {} };

export const consoleLogger: RuntimeLogger = {
  debug() {},
  info() {},
  warn: (msg, fields) => console.warn(`[wharf/runtime] ${msg}`, fields ?? ''),
  error: (msg, fields) => console.error(`[wharf/runtime] ${msg}`, fields ?? ''),
};
