import type { RuntimeEvent } from '@wharf/config';

/** What a fetched path depends on; live events bump the topics they touch. */
export type Topic = 'routers' | 'services' | 'middlewares' | 'certificates' | 'diagnostics' | 'providers' | 'overview' | 'static' | 'manual';
export const allTopics: Topic[] = ['routers', 'services', 'middlewares', 'certificates', 'diagnostics', 'providers', 'overview', 'static'];

export function topicOf(path: string): Topic {
  if (path.includes('wharf/match')) return 'manual';
  if (path.includes('diagnostics')) return 'diagnostics';
  if (path.includes('wharf/providers')) return 'providers';
  if (path.includes('overview')) return 'overview';
  // a new generation (certificate files are watched) is the only thing that changes them
  if (path.includes('wharf/certificates')) return 'certificates';
  if (path.includes('/services')) return 'services';
  if (path.includes('/routers')) return 'routers';
  if (path.includes('/middlewares')) return 'middlewares';
  return 'static';
}

export function topicsOf(event: RuntimeEvent): Topic[] {
  switch (event.type) {
    case 'generation':
      return allTopics;
    case 'router-status':
      return ['routers', 'overview'];
    case 'service-status':
    case 'server-state':
      return ['services', 'overview'];
    case 'diagnostics':
      return ['diagnostics', 'overview'];
    case 'provider-state':
      return ['providers'];
    default:
      return [];
  }
}
