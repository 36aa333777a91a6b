import Docker from 'dockerode';
import { modemOptions, negotiateApiVersion, type DockerSourceOptions } from '../engine/docker-source.js';
import { dockerError } from '../errors.js';
import type { SwarmService, SwarmTask } from './swarm-data.js';

/** One listing of a swarm manager: services, their tasks, network names by id. */
export interface SwarmListing {
  services: SwarmService[];
  tasks: SwarmTask[];
  networks: Map<string, string>;
}

export interface SwarmSource {
  readonly endpoint: string;
  /** rejects with `WHARF_DOCKER_UNAVAILABLE` when the manager is away (or is not a manager) */
  list(): Promise<SwarmListing>;
}

/** The Docker API over dockerode: `GET /services`, `GET /tasks?desired-state=running`, `GET /networks`. */
export function createSwarmSource(options: DockerSourceOptions): SwarmSource {
  let api: Promise<Docker> | undefined;
  const connect = async (): Promise<Docker> => {
    const base = modemOptions(options);
    const probe = new Docker({ ...base, timeout: options.timeoutMs || 10_000 });
    const version = negotiateApiVersion((await probe.version()).ApiVersion);
    return new Docker({ ...base, version: `v${version}`, ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}) });
  };
  return {
    endpoint: options.endpoint,
    async list() {
      try {
        api ??= connect().catch((err: unknown) => { api = undefined; throw err; });
        const docker = await api;
        const [services, tasks, networks] = await Promise.all([
          docker.listServices() as Promise<SwarmService[]>,
          docker.listTasks({ filters: { 'desired-state': ['running'] } }) as Promise<SwarmTask[]>,
          docker.listNetworks() as Promise<Array<{ Id: string; Name: string }>>,
        ]);
        return { services, tasks, networks: new Map(networks.map((n) => [n.Id, n.Name])) };
      } catch (err) {
        api = undefined;
        throw dockerError(options.endpoint, err);
      }
    },
  };
}
