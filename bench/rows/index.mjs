// The benchmark rows. A row = { name, host?, start({ backends }) → { port, pid, stop() } }.
// Add rows here (sticky + health, middlewares, metrics on/off…); the first one named
// 'haproxy' is the reference for ratios.
import { directRow } from './direct.mjs';
import { haproxyRow } from './haproxy.mjs';
import { nginxRow } from './nginx.mjs';
import { nodeServerRow } from './node-server.mjs';

export const rows = [
  directRow,
  haproxyRow,
  nginxRow,
  nodeServerRow('@fastify/http-proxy', 'fastify-proxy.mjs'),
  nodeServerRow('node floor (http+undici)', 'node-floor.mjs'),
  nodeServerRow('node floor (http+raw)', 'raw-floor.mjs'),
  nodeServerRow('wharf 1 router', 'wharf-proxy.mjs', ['--routers', '1'], 'app0.bench'),
  nodeServerRow('wharf 10k routers', 'wharf-proxy.mjs', ['--routers', '10000'], 'app7777.bench'),
];
