import { normalizeName } from '../labels/normalize-name.js';
import type { ContainerData } from './container-data.js';

/**
 * Names the container's automatic service and router: `<service>_<project>` for compose
 * containers, a Swarm task's service name, else the container name, normalised (`whoami-demo`).
 */
export function baseName(container: ContainerData): string {
  if (container.serviceName) return normalizeName(container.serviceName);
  return normalizeName(container.compose ? `${container.compose.service}_${container.compose.project}` : container.name);
}
