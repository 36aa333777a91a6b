import type { HttpExchange, HttpResponse, MirroringServiceConfig } from '@wharf/config';
import { bufferRequestBody } from '@wharf/middlewares';
import type { CompiledService } from '../compiled-service.js';
import type { Logger as RuntimeLogger } from '@wharf/config';
import { discardResponse, hasRequestBody, mirrorExchange } from './mirror-exchange.js';

export interface MirroringServiceOptions {
  name: string;
  config: MirroringServiceConfig;
  main: CompiledService;
  resolve(name: string): CompiledService | undefined;
  logger: RuntimeLogger;
}

interface Mirror {
  service: CompiledService;
  percent: number;
  count: number;
}

/**
 * A `mirroring` service: the main service answers; each mirror gets a copy fire-and-forget
 * while `count*100 < total*percent` (Traefik's counting). Bodies are mirrored only when
 * `mirrorBody` (default true) and within `maxBodySize` (default −1 = unlimited); a request whose
 * body cannot be copied is not mirrored. Mirror responses and failures are discarded.
 */
export function createMirroringService(opts: MirroringServiceOptions): CompiledService {
  const mirrors: Mirror[] = [];
  for (const m of opts.config.mirrors ?? []) {
    const service = opts.resolve(m.name);
    if (service) mirrors.push({ service, percent: Math.max(0, Math.min(100, m.percent ?? 0)), count: 0 });
  }
  const mirrorBody = opts.config.mirrorBody ?? true;
  const maxBodySize = opts.config.maxBodySize ?? -1;
  let total = 0;

  function chosen(): Mirror[] {
    total += 1;
    const out: Mirror[] = [];
    for (const m of mirrors) {
      if (m.count * 100 < total * m.percent) {
        m.count += 1;
        out.push(m);
      }
    }
    return out;
  }

  async function bodyForMirrors(ex: HttpExchange): Promise<Buffer | undefined | false> {
    if (!hasRequestBody(ex)) return undefined;
    if (!mirrorBody) return undefined;
    const limit = maxBodySize < 0 ? Number.MAX_SAFE_INTEGER : maxBodySize;
    return (await bufferRequestBody(ex, limit)) === 'buffered' ? ex.body : false;
  }

  function fire(m: Mirror, ex: HttpExchange, body: Buffer | undefined): void {
    m.service
      .handler(mirrorExchange(ex, body))
      .then(discardResponse)
      .catch((err: unknown) => opts.logger.debug('mirror request failed', { service: m.service.name, err }));
  }

  const handler = async (ex: HttpExchange): Promise<HttpResponse> => {
    const targets = ex.isUpgrade ? [] : chosen();
    if (targets.length === 0) return opts.main.handler(ex);
    const body = await bodyForMirrors(ex);
    const response = opts.main.handler(ex);
    if (body !== false) for (const m of targets) fire(m, ex, body);
    return response;
  };

  return {
    name: opts.name,
    handler,
    available: () => opts.main.available(),
    peek: (req) => opts.main.peek(req),
    servers: () => opts.main.servers(),
    health: () => opts.main.health(),
  };
}
