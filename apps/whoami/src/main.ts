#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startWhoami } from './whoami-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    name: { type: 'string' },
    host: { type: 'string' },
  },
});

const port = Number(values.port ?? process.env.WHOAMI_PORT ?? 80);
const name = values.name ?? process.env.WHOAMI_NAME ?? 'whoami';
const host = values.host ?? process.env.WHOAMI_HOST ?? '0.0.0.0';

const server = await startWhoami({ port, name, host });
console.log(`whoami ${name} listening on ${host}:${server.port}`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void server.close().then(() => process.exit(0));
  });
}
