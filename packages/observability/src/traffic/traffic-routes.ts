import type { RuntimeView } from '@wharf/config';
import type { FastifyInstance } from 'fastify';
import type { TrafficRecorder } from './create-traffic-recorder.js';

export interface TrafficRoutesOptions {
  /** route prefix, default `/api/wharf/traffic` */
  prefix?: string;
  /** the runtime view, for server health in the stats table */
  view?: () => RuntimeView;
}

/**
 * `GET /api/wharf/traffic` (summaries + per-slot series; `?series=false` omits the series) and
 * `GET /api/wharf/traffic/stats` (HAProxy-style per-server table).
 */
export function registerTrafficRoutes(app: FastifyInstance, traffic: TrafficRecorder, opts: TrafficRoutesOptions = {}): void {
  const prefix = opts.prefix ?? '/api/wharf/traffic';
  app.get<{ Querystring: { series?: string } }>(prefix, async (req) => traffic.snapshot({ series: req.query.series !== 'false' }));
  app.get(`${prefix}/stats`, async () => traffic.stats(opts.view?.()));
}
