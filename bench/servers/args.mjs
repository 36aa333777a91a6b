import { parseArgs } from 'node:util';

/** `--port N --backends url,url [--routers N]` */
export function serverArgs() {
  const { values } = parseArgs({ options: { port: { type: 'string' }, backends: { type: 'string' }, routers: { type: 'string' } } });
  return { port: Number(values.port), backends: (values.backends ?? '').split(',').filter(Boolean), routers: Number(values.routers ?? 1) };
}

export function exitOnSignal(close) {
  for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => Promise.resolve(close()).finally(() => process.exit(0)));
}
