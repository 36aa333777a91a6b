import { DEFAULT_CIPHERS } from 'node:tls';
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

/**
 * The edge-tls rows' flags: `--port P --cert FILE --key FILE [--backends url,url] [--ciphersuites A:B]`.
 * `order`: the server's own TLS 1.3 suite order (`--ciphersuites`, the suite the other rows negotiate).
 */
export function tlsServerArgs() {
  const { values } = parseArgs({ options: { port: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, backends: { type: 'string' }, ciphersuites: { type: 'string' } } });
  return {
    port: Number(values.port),
    cert: values.cert,
    key: values.key,
    backends: (values.backends ?? '').split(',').filter(Boolean).map((u) => new URL(u)),
    order: values.ciphersuites === undefined ? {} : { ciphers: `${values.ciphersuites}:${DEFAULT_CIPHERS}`, honorCipherOrder: true },
  };
}
