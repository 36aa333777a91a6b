// The benchmark rows. A row = { name, host?, start({ backends }) → { port, pid, stop() } }.
// The row named 'haproxy' is the reference for ratios; a row's `base` names the row it is
// compared with pairwise (feature cost: sticky/plain, middlewares/plain, metrics on/off).
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
  nodeServerRow('wharf 10k routers', 'wharf-proxy.mjs', ['--routers', '10000'], 'app7777.bench', { base: 'wharf 1 router' }),
  nodeServerRow('wharf sticky+health', 'wharf-proxy.mjs', ['--routers', '1', '--mode', 'sticky'], 'app0.bench', { base: 'wharf 1 router' }),
  nodeServerRow('wharf middlewares', 'wharf-proxy.mjs', ['--routers', '1', '--mode', 'middlewares'], 'app0.bench', {
    path: '/api/bench',
    base: 'wharf 1 router',
  }),
  nodeServerRow('wharf metrics on', 'wharf-proxy.mjs', ['--routers', '1', '--mode', 'metrics'], 'app0.bench', { base: 'wharf 1 router' }),
];
