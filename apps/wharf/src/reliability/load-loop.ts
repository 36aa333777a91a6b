import { Agent, request } from 'node:http';

export interface LoadResult {
  ok: number;
  /** `status 502`, `error ECONNRESET`… one entry per failed request */
  failures: string[];
  /** answering backend (x-backend header) → count */
  byBackend: Record<string, number>;
}

function getOnce(agent: Agent, port: number, path: string, host: string): Promise<{ status: number; backend?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, backend: res.headers['x-backend'] as string | undefined }));
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ status: 0, error: err.code ?? err.message }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: 0, error: err.code ?? err.message }));
    req.end();
  });
}

/**
 * A bounded load loop: `concurrency` keep-alive clients issue `total` GETs between them;
 * `during(done)` is called after each answer with the count so far (to kill a server mid-run).
 */
export async function loadLoop(opts: {
  port: number;
  total: number;
  concurrency: number;
  path?: string;
  host?: string;
  during?: (done: number) => void | Promise<void>;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const result: LoadResult = { ok: 0, failures: [], byBackend: {} };
  let issued = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (issued < opts.total) {
      issued += 1;
      const r = await getOnce(agent, opts.port, opts.path ?? '/load', opts.host ?? 'load.example');
      done += 1;
      if (r.status === 200) result.ok += 1;
      else result.failures.push(r.error !== undefined ? `error ${r.error}` : `status ${r.status}`);
      if (r.backend !== undefined) result.byBackend[r.backend] = (result.byBackend[r.backend] ?? 0) + 1;
      await opts.during?.(done);
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return result;
}
