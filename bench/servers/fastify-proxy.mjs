// Bare @fastify/http-proxy over the same backends (round robin through replyOptions.getUpstream).
import Fastify from 'fastify';
import proxy from '@fastify/http-proxy';
import { exitOnSignal, serverArgs } from './args.mjs';

const { port, backends } = serverArgs();
let next = 0;
const app = Fastify({ logger: false });
await app.register(proxy, {
  upstream: '',
  replyOptions: {
    getUpstream: () => {
      next = (next + 1) % backends.length;
      return backends[next];
    },
  },
});
await app.listen({ port, host: '127.0.0.1' });
exitOnSignal(() => app.close());
