import type { ReactNode } from 'react';
import { CertificatePage } from './pages/certificate-page.js';
import { CertificatesPage } from './pages/certificates-page.js';
import type { ListKind } from './nav/element-href.js';
import { createRouteTable, type Route } from './nav/route-table.js';
import { DiagnosticsPage } from './pages/diagnostics-page.js';
import { ListPage } from './pages/list-page.js';
import { MiddlewarePage } from './pages/middleware-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { ProvidersPage } from './pages/providers-page.js';
import { RouteTesterPage } from './pages/route-tester-page.js';
import { RouterPage } from './pages/router-page.js';
import { ServicePage } from './pages/service-page.js';
import { StatsPage } from './traffic/stats-page.js';

const protos = ['http', 'tcp', 'udp'];
const kinds: ListKind[] = ['routers', 'services', 'middlewares'];

/** The dashboard's pages, one line each, first match wins (hash paths: `#/http/routers/<name>`). */
const pages: Route<ReactNode>[] = [
  { path: '/', page: () => <OverviewPage /> },
  { path: '/diagnostics', page: () => <DiagnosticsPage /> },
  { path: '/providers', page: () => <ProvidersPage /> },
  { path: '/tester', page: () => <RouteTesterPage /> },
  { path: '/stats', page: () => <StatsPage /> },
  { path: '/certificates', page: (_p, query) => <CertificatesPage query={query} /> },
  { path: '/certificates/*id', page: (p) => <CertificatePage id={p.id} /> },
  { path: '/:proto/:kind', where: { proto: protos, kind: kinds }, page: (p, query) => <ListPage proto={p.proto} kind={p.kind as ListKind} query={query} /> },
  { path: '/:proto/routers/*name', where: { proto: protos }, page: (p) => <RouterPage proto={p.proto} name={p.name} /> },
  { path: '/:proto/services/*name', where: { proto: protos }, page: (p) => <ServicePage proto={p.proto} name={p.name} /> },
  // UDP has no middlewares
  { path: '/:proto/middlewares/*name', where: { proto: ['http', 'tcp'] }, page: (p) => <MiddlewarePage proto={p.proto} name={p.name} /> },
];

export const matchPage = createRouteTable(pages);
