// wharf's data plane: one entrypoint, N Host routers (host index), round robin over the backends.
import { createEntryPoint, createTransport } from '../../packages/proxy/dist/index.js';
import { exitOnSignal, serverArgs } from './args.mjs';

const { port, backends, routers } = serverArgs();
const transport = createTransport();
const targets = backends.map((url) => ({ url, passHostHeader: true }));
let next = 0;
const handler = (ex) => {
  const target = targets[next];
  next = next + 1 === targets.length ? 0 : next + 1;
  return transport.forward(ex, target);
};
const table = new Map();
for (let i = 0; i < routers; i++) table.set(`app${i}.bench`, { router: `r${i}@bench`, service: 'svc@bench', handler });
const generation = { id: 1, route: (_ep, req) => table.get(req.host) };
const ep = createEntryPoint({ name: 'web', host: '127.0.0.1', port, generations: { current: () => generation }, transport });
await ep.listen();
exitOnSignal(async () => {
  await ep.close(1000);
  await transport.close();
});
