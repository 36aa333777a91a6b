#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startTcpEcho, startUdpEcho } from './echo-servers.js';
import { startWhoami } from './whoami-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    name: { type: 'string' },
    host: { type: 'string' },
    /** http (default), tcp-echo or udp-echo */
    mode: { type: 'string' },
  },
});

const port = Number(values.port ?? process.env.WHOAMI_PORT ?? 80);
const host = values.host ?? process.env.WHOAMI_HOST ?? '0.0.0.0';
const mode = values.mode ?? process.env.WHOAMI_MODE ?? 'http';
const named = values.name ?? process.env.WHOAMI_NAME;

async function start(): Promise<{ port: number; name: string; close(): Promise<void> }> {
  // echo modes name each reply after the container (its hostname) unless --name is given
  if (mode === 'tcp-echo') return startTcpEcho({ port, host, ...(named ? { name: named } : {}) });
  if (mode === 'udp-echo') return startUdpEcho({ port, host, ...(named ? { name: named } : {}) });
  if (mode !== 'http') {
    console.error(`whoami: unknown --mode ${mode} (http, tcp-echo, udp-echo)`);
    process.exit(2);
  }
  return startWhoami({ port, name: named ?? 'whoami', host });
}

const server = await start();
console.log(`whoami ${server.name} (${mode}) listening on ${host}:${server.port}`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void server.close().then(() => process.exit(0));
  });
}
