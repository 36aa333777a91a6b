import type { FastifyInstance } from 'fastify';
import type { RuntimeEvent, RuntimeSource } from '@wharf/config';

export const defaultHeartbeatMs = 15_000;

/** One SSE frame: `event: <type>` + `data: <json>`. */
function formatEvent(event: RuntimeEvent | { type: 'ready'; generation: number }): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * `GET /api/wharf/events`: server-sent events, one per RuntimeEvent. Starts with a `ready`
 * event (current generation) so clients know they are live; a `: heartbeat` comment keeps
 * proxies from closing the stream. The subscription ends when the client disconnects.
 */
export function registerEventStream(app: FastifyInstance, prefix: string, source: RuntimeSource, heartbeatMs: number): void {
  const open = new Set<() => void>();
  // streams never go idle, so end them before the server closes or `app.close()` would wait forever
  app.addHook('preClose', (done) => {
    for (const end of [...open]) end();
    done();
  });
  app.get(`${prefix}api/wharf/events`, (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 2000\n\n${formatEvent({ type: 'ready', generation: source.view().generation })}`);
    const unsubscribe = source.subscribe((event) => {
      if (!res.writableEnded) res.write(formatEvent(event));
    });
    const heartbeat = setInterval(() => {
      if (!res.writableEnded) res.write(': heartbeat\n\n');
    }, heartbeatMs);
    heartbeat.unref();
    let closed = false;
    const cleanup = (): void => {
      if (closed) return;
      closed = true;
      open.delete(cleanup);
      clearInterval(heartbeat);
      unsubscribe();
      if (!res.writableEnded) res.end();
    };
    open.add(cleanup);
    res.on('close', cleanup);
    res.on('error', (err) => {
      req.log.debug({ err }, 'event stream closed with an error');
      cleanup();
    });
  });
}
