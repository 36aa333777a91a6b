import { request } from 'node:http';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET with any Host header (fetch forbids it), no keep-alive, bounded by a timeout. */
export function httpGet(url: string, options: { host?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { connection: 'close', ...options.headers };
    if (options.host) headers.host = options.host;
    const req = request(url, { headers, timeout: options.timeoutMs ?? 5000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** whoami's `Hostname:` line (the container's short id inside Docker). */
export function whoamiHostname(body: string): string | undefined {
  return /^Hostname: (.+)$/m.exec(body)?.[1]?.trim();
}
