import type { ContainerInspectInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { toContainerData } from './inspect-mapping.js';

const inspect = {
  Id: 'f00dfeed1234abcd',
  Name: '/demo_whoami_1',
  State: { Status: 'running', Health: { Status: 'healthy' } },
  Config: {
    Labels: { 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'whoami', 'traefik.enable': 'true' },
    ExposedPorts: { '80/tcp': {}, '53/udp': {} },
  },
  HostConfig: { NetworkMode: 'demo_default' },
  NetworkSettings: {
    Networks: { demo_default: { IPAddress: '172.20.0.3', GlobalIPv6Address: '' }, v6: { IPAddress: '', GlobalIPv6Address: 'fd00::3' } },
    Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }, { HostIp: '::', HostPort: '8080' }], '53/udp': null, '9000/tcp': [{ HostIp: '127.0.0.1', HostPort: '9000' }] },
  },
} as unknown as ContainerInspectInfo;

describe('toContainerData', () => {
  it('maps inspect output to the provider DTO', () => {
    expect(toContainerData(inspect)).toEqual({
      id: 'f00dfeed1234abcd', name: 'demo_whoami_1', labels: inspect.Config.Labels, status: 'running', health: 'healthy',
      networkMode: 'demo_default',
      networks: { demo_default: { ipv4: '172.20.0.3' }, v6: { ipv6: 'fd00::3' } },
      ports: [
        { port: 80, protocol: 'tcp', hostIP: '0.0.0.0', hostPort: 8080 },
        { port: 53, protocol: 'udp' },
        { port: 9000, protocol: 'tcp', hostIP: '127.0.0.1', hostPort: 9000 },
      ],
      compose: { project: 'demo', service: 'whoami' },
    });
  });

  it('has no health without a HEALTHCHECK and no compose without both labels', () => {
    const bare = { ...inspect, State: { Status: 'exited' }, Config: { Labels: { 'com.docker.compose.project': 'x' } } } as unknown as ContainerInspectInfo;
    const data = toContainerData(bare);
    expect(data.health).toBeUndefined();
    expect(data.compose).toBeUndefined();
    expect(data.status).toBe('exited');
  });
});
