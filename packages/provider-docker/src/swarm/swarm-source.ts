import type Docker from 'dockerode';
import { connectDocker, type DockerSourceOptions } from '../engine/docker-source.js';
import { openEventStream } from '../engine/docker-events.js';
import { dockerError } from '../errors.js';
import type { SwarmService, SwarmTask } from './swarm-data.js';
import { SWARM_EVENT_FILTERS, type SwarmEventSource } from './swarm-events.js';

/** One listing of a swarm manager: services, their tasks, network names by id. */
export interface SwarmListing {
  services: SwarmService[];
  tasks: SwarmTask[];
  networks: Map<string, string>;
}

export interface SwarmSource extends Partial<SwarmEventSource> {
  readonly endpoint: string;
  /** rejects with `WHARF_DOCKER_UNAVAILABLE` when the manager is away (or is not a manager) */
  list(): Promise<SwarmListing>;
}

/**
 * The Docker API over dockerode: `GET /services`, `GET /tasks?desired-state=running`,
 * `GET /networks`, and `GET /events` (service and container events) on a second client
 * without a timeout, as the Docker provider does.
 */
export function createSwarmSource(options: DockerSourceOptions): SwarmSource {
  let clients: Promise<{ api: Docker; stream: Docker }> | undefined;
  const connect = () => connectDocker(options);
  const client = () => (clients ??= connect().catch((err: unknown) => { clients = undefined; throw err; }));
  return {
    endpoint: options.endpoint,
    async list() {
      try {
        const docker = (await client()).api;
        const [services, tasks, networks] = await Promise.all([
          docker.listServices() as Promise<SwarmService[]>,
          docker.listTasks({ filters: { 'desired-state': ['running'] } }) as Promise<SwarmTask[]>,
          docker.listNetworks() as Promise<Array<{ Id: string; Name: string }>>,
        ]);
        return { services, tasks, networks: new Map(networks.map((n) => [n.Id, n.Name])) };
      } catch (err) {
        clients = undefined;
        throw dockerError(options.endpoint, err);
      }
    },
    async events(signal) {
      try {
        const { stream } = await client().catch((err: unknown) => { throw dockerError(options.endpoint, err); });
        return await openEventStream(stream, SWARM_EVENT_FILTERS, signal, (err) => dockerError(options.endpoint, err));
      } catch (err) {
        clients = undefined;
        throw err;
      }
    },
  };
}
