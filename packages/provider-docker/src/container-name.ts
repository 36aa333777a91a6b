import type { ContainerData } from './docker-data.js';

/** Traefik `normalize`: every run of non-alphanumerics becomes `-`, trimmed at both ends. */
export function normalizeName(name: string): string {
  return name
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** The container's base name: `<service>_<project>` for compose containers, else its name. */
export function rawBaseName(container: ContainerData): string {
  if (container.compose) return `${container.compose.service}_${container.compose.project}`;
  return container.name;
}

export function baseName(container: ContainerData): string {
  return normalizeName(rawBaseName(container));
}
