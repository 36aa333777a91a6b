import { request } from 'node:http';

export const DOCKER_SOCKET = process.env.WHARF_E2E_DOCKER_SOCKET ?? '/var/run/docker.sock';

export interface DockerAvailability {
  available: boolean;
  reason?: string;
  apiVersion?: string;
}

/** GET /version on the engine socket, bounded in time. */
export function pingDocker(socketPath = DOCKER_SOCKET, timeoutMs = 3000): Promise<DockerAvailability> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/version', timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => {
        if (res.statusCode !== 200) return resolve({ available: false, reason: `engine answered ${res.statusCode}` });
        try {
          resolve({ available: true, apiVersion: (JSON.parse(body) as { ApiVersion?: string }).ApiVersion });
        } catch {
          resolve({ available: false, reason: 'engine sent invalid JSON' });
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => resolve({ available: false, reason: `${socketPath}: ${err.message}` }));
    req.end();
  });
}

/**
 * Is Docker reachable? In CI (`CI=true`) a missing engine is a hard failure; on a developer
 * machine the suite is skipped with a visible message.
 */
export async function ensureDocker(env: NodeJS.ProcessEnv = process.env, socketPath = DOCKER_SOCKET): Promise<DockerAvailability> {
  const result = await pingDocker(socketPath);
  if (result.available) return result;
  if (env.CI === 'true') throw new Error(`Docker is required in CI but is not reachable (${result.reason})`);
  console.warn(`\n[wharf e2e] Docker is not reachable (${result.reason}); skipping the Docker end-to-end suite.\n`);
  return result;
}
