import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { CertificatePage } from './pages/certificate-page.js';
import { CertificatesPage } from './pages/certificates-page.js';
import { DiagnosticsPage } from './pages/diagnostics-page.js';
import { ListPage } from './pages/list-page.js';
import { MiddlewarePage } from './pages/middleware-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { RouteTesterPage } from './pages/route-tester-page.js';
import { RouterPage } from './pages/router-page.js';
import { ServicePage } from './pages/service-page.js';
import { matchPage } from './routes.js';
import { StatsPage } from './traffic/stats-page.js';

/** The element the dashboard's route table renders for a hash path, or undefined (not found). */
function pageFor(path: string, query = new URLSearchParams()): ReactElement<Record<string, unknown>> | undefined {
  const found = matchPage(path);
  return found?.route.page(found.params, query) as ReactElement<Record<string, unknown>> | undefined;
}

describe('dashboard pages', () => {
  it('maps the fixed pages', () => {
    expect(pageFor('/')?.type).toBe(OverviewPage);
    expect(pageFor('/diagnostics')?.type).toBe(DiagnosticsPage);
    expect(pageFor('/tester')?.type).toBe(RouteTesterPage);
    expect(pageFor('/stats')?.type).toBe(StatsPage);
    const query = new URLSearchParams('status=warning');
    expect(pageFor('/certificates', query)).toMatchObject({ type: CertificatesPage, props: { query } });
    expect(pageFor('/certificates/%2Fcerts%2Fa.pem')).toMatchObject({ type: CertificatePage, props: { id: '/certs/a.pem' } });
  });

  it('maps every protocol and kind to its list, with the query', () => {
    const query = new URLSearchParams('status=enabled');
    for (const proto of ['http', 'tcp', 'udp']) {
      for (const kind of ['routers', 'services', 'middlewares']) {
        const page = pageFor(`/${proto}/${kind}`, query);
        expect(page?.type).toBe(ListPage);
        expect(page?.props).toEqual({ proto, kind, query });
      }
    }
  });

  it('maps HTTP details to their pages with the decoded name', () => {
    expect(pageFor('/http/routers/shop%2Fapi%40docker')).toMatchObject({ type: RouterPage, props: { proto: 'http', name: 'shop/api@docker' } });
    expect(pageFor('/http/services/whoami@docker')).toMatchObject({ type: ServicePage, props: { proto: 'http', name: 'whoami@docker' } });
    expect(pageFor('/http/middlewares/a/b@file')).toMatchObject({ type: MiddlewarePage, props: { proto: 'http', name: 'a/b@file' } });
  });

  it('maps TCP and UDP details to the same pages as HTTP, with their protocol', () => {
    expect(pageFor('/tcp/routers/db@file')).toMatchObject({ type: RouterPage, props: { proto: 'tcp', name: 'db@file' } });
    expect(pageFor('/tcp/services/db@file')).toMatchObject({ type: ServicePage, props: { proto: 'tcp', name: 'db@file' } });
    expect(pageFor('/tcp/middlewares/allow@file')).toMatchObject({ type: MiddlewarePage, props: { proto: 'tcp', name: 'allow@file' } });
    expect(pageFor('/udp/services/dns@docker')).toMatchObject({ type: ServicePage, props: { proto: 'udp', name: 'dns@docker' } });
    expect(pageFor('/udp/routers/dns@docker')).toMatchObject({ type: RouterPage, props: { proto: 'udp', name: 'dns@docker' } });
    expect(pageFor('/udp/middlewares/x@file')).toBeUndefined();
  });

  it('finds no page for unknown paths', () => {
    for (const path of ['/nope', '/ftp/routers', '/http/things', '/http/routers/', '/HTTP/routers', '/stats/', '/diagnostics/x']) {
      expect(matchPage(path), path).toBeUndefined();
    }
  });
});
