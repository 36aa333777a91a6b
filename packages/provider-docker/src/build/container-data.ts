/**
 * The builder's input (Traefik `dockerData`): only what building the dynamic configuration
 * needs. The engine maps dockerode's inspect output onto it (`engine/inspect-mapping.ts`, the
 * only place dockerode's shapes are read); another source (a Swarm task: its service's labels,
 * its network addresses, no ports) maps onto the same shape.
 */
export interface ContainerPort {
  port: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  /** host binding, when published */
  hostIP?: string;
  hostPort?: number;
}

export interface ContainerNetwork {
  ipv4?: string;
  ipv6?: string;
}

export type ContainerHealth = 'starting' | 'healthy' | 'unhealthy';

export interface ContainerData {
  id: string;
  /** Docker name without the leading `/` */
  name: string;
  labels: Record<string, string>;
  /** Docker state: `running`, `exited`, `created`, `paused`, `restarting`, `dead` … */
  status: string;
  /** absent when the image has no HEALTHCHECK */
  health?: ContainerHealth;
  /** wharf: a `kill`/`stop` event arrived; drain it before it dies */
  draining?: boolean;
  /** `default`, `bridge`, `host`, `none`, `container:<id>`, or a network name */
  networkMode: string;
  /** attached networks in Docker's order */
  networks: Record<string, ContainerNetwork>;
  /** exposed and published ports (one entry per container port) */
  ports: ContainerPort[];
  compose?: { project: string; service: string };
  /** Swarm: the service a task belongs to; names its automatic service and router (Traefik) */
  serviceName?: string;
}
