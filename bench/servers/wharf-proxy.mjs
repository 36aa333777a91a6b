// wharf's data plane: one entrypoint, N `Host(appK.bench)` routers in the router's route table
// (host index), round robin over the backends. Uses compiled packages (run `pnpm build` first).
import { createEntryPoint, createTransport } from '../../packages/proxy/dist/index.js';
import { createRouteTable, effectivePriority, parseRule } from '../../packages/router/dist/index.js';
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
const entries = [];
for (let i = 0; i < routers; i++) {
  const rule = parseRule(`Host(\`app${i}.bench\`)`);
  const value = { router: `r${i}@bench`, service: 'svc@bench', handler };
  entries.push({ name: value.router, priority: effectivePriority(0, rule.rule), rule, value });
}
const table = createRouteTable(entries);
const generation = { id: 1, route: (_ep, req) => table.match(req)?.value };
const ep = createEntryPoint({ name: 'web', host: '127.0.0.1', port, generations: { current: () => generation }, transport });
await ep.listen();
exitOnSignal(async () => {
  await ep.close(1000);
  await transport.close();
});
