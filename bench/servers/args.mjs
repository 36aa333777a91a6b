import { parseArgs } from 'node:util';

/** `--port N --backends url,url [--routers N] [--mode plain|sticky|middlewares|metrics]` */
export function serverArgs() {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, backends: { type: 'string' }, routers: { type: 'string' }, mode: { type: 'string' } },
  });
  return {
    port: Number(values.port),
    backends: (values.backends ?? '').split(',').filter(Boolean),
    routers: Number(values.routers ?? 1),
    mode: values.mode ?? 'plain',
  };
}

export function exitOnSignal(close) {
  for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => Promise.resolve(close()).finally(() => process.exit(0)));
}
