import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forwardedPrefix } from './core-routes.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function contentTypeFor(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

const metaPattern = /<meta\s+name="wharf-base"\s+content="[^"]*"\s*\/?>/i;

/** Puts the API base into the HTML (`<meta name="wharf-base" content="/sub/">`). */
function injectBase(html: string, base: string): string {
  const escaped = base.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const tag = `<meta name="wharf-base" content="${escaped}">`;
  if (metaPattern.test(html)) return html.replace(metaPattern, tag);
  return html.replace(/<\/head>/i, `  ${tag}\n</head>`);
}

const traefikApiUrlBlock = /\{\{\s*if\s+\.APIUrl\s*\}\}([\s\S]*?)\{\{\s*end\s*\}\}/g;
const traefikApiUrl = /\{\{\s*\.APIUrl\s*\}\}/g;

/**
 * Traefik's own webui ships `index.html` as a Go template (`{{if .APIUrl}}<script>window.APIUrl =
 * "{{.APIUrl}}"</script>{{end}}`, `pkg/api/dashboard`); rendered here so that directory works as
 * `WHARF_DASHBOARD_DIR` too. The value is JS-string escaped (Go's html/template does the same).
 */
function renderTraefikTemplate(html: string, apiUrl: string): string {
  if (!html.includes('{{')) return html;
  const literal = JSON.stringify(apiUrl).slice(1, -1).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return html.replace(traefikApiUrlBlock, (_all, body: string) => body).replace(traefikApiUrl, () => literal);
}

/** A file inside `root`, or undefined for traversal attempts and non-files. */
async function resolveFile(root: string, relative: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  const full = resolve(root, `.${sep}${decoded}`);
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  const info = await stat(full).catch(() => undefined);
  return info?.isFile() ? full : undefined;
}

/**
 * `<basePath>dashboard/*` from `dashboardDir`: real files with their content type (hashed
 * assets cached for a year), everything else falls back to the SPA's index.html with the API
 * base injected, so the dashboard works under `--api.basePath` and behind a StripPrefix.
 */
export function registerDashboardFiles(app: FastifyInstance, basePath: string, dashboardDir: string): void {
  const root = resolve(dashboardDir);
  const mount = `${basePath}dashboard`;
  app.get(mount, async (req, reply) => reply.redirect(`${forwardedPrefix(req)}${mount}/`, 302));
  app.get(`${mount}/*`, async (req: FastifyRequest<{ Params: { '*': string } }>, reply) => {
    const relative = req.params['*'].split('?')[0] ?? '';
    const file = relative === '' || relative === 'index.html' ? undefined : await resolveFile(root, relative);
    if (file) {
      const immutable = relative.startsWith('assets/');
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.type(contentTypeFor(file)).send(await readFile(file));
    }
    if (extname(relative) !== '' && relative !== 'index.html') {
      return reply.code(404).type('text/plain; charset=utf-8').send('404 page not found');
    }
    const html = await readFile(join(root, 'index.html'), 'utf8').catch(() => undefined);
    if (html === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('dashboard is not built');
    void reply.header('cache-control', 'no-cache');
    const base = `${forwardedPrefix(req)}${basePath}`;
    return reply.type('text/html; charset=utf-8').send(injectBase(renderTraefikTemplate(html, `${base}api/`), base));
  });
}
