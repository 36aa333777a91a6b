import { describe, expect, it } from 'vitest';
import { buildConfig } from '../build/build-config.js';
import { resolveSwarmOptions } from './swarm-options.js';
import { swarmContainers, type SwarmService, type SwarmTask } from './swarm-data.js';

const labels = {
  'traefik.http.routers.web.rule': 'Host(`web.test`)',
  'traefik.http.services.web.loadbalancer.server.port': '8080',
};
const service = (extra: Record<string, string> = {}, mode?: string): SwarmService => ({
  ID: 'svc1',
  Spec: { Name: 'stack_web', Labels: { ...labels, ...extra }, Mode: { Replicated: { Replicas: 3 } }, ...(mode ? { EndpointSpec: { Mode: mode } } : {}) },
  Endpoint: { VirtualIPs: [{ NetworkID: 'ing', Addr: '10.0.0.5/24' }, { NetworkID: 'net1', Addr: '10.0.1.2/24' }] },
});
const task = (id: string, slot: number, ip: string, state = 'running', desired = 'running'): SwarmTask => ({
  ID: id, ServiceID: 'svc1', Slot: slot, DesiredState: desired, Status: { State: state },
  NetworksAttachments: [{ Network: { ID: 'ing', Spec: { Name: 'ingress' } }, Addresses: ['10.0.0.9/24'] }, { Network: { ID: 'net1', Spec: { Name: 'stack_net' } }, Addresses: [`${ip}/24`] }],
});
const networks = new Map([['ing', 'ingress'], ['net1', 'stack_net']]);
const build = (services: SwarmService[], tasks: SwarmTask[]) => {
  const mapped = swarmContainers(services, tasks, networks);
  const snap = buildConfig(mapped.containers, { ...resolveSwarmOptions(), useBindPortIP: false }, { provider: 'swarm' });
  return { ...snap, diagnostics: [...mapped.diagnostics, ...snap.diagnostics] };
};
const urls = (snap: ReturnType<typeof build>) => snap.config.http.services['web']?.loadBalancer?.servers?.map((s) => s.url).sort();

describe('swarm services → snapshot', () => {
  it('one server per running task, labels from the service spec, not the overlay ingress', () => {
    const snap = build([service()], [task('t1', 1, '10.0.1.7'), task('t2', 2, '10.0.1.8'), task('t3', 3, '10.0.1.9', 'starting'), task('t4', 4, '10.0.1.10', 'running', 'shutdown')]);
    expect(urls(snap)).toEqual(['http://10.0.1.7:8080', 'http://10.0.1.8:8080']);
    expect(snap.config.http.routers['web']?.rule).toBe('Host(`web.test`)');
    expect(snap.diagnostics).toEqual([]);
  });

  it('traefik.swarm.lbswarm=true (or the old traefik.docker.lbswarm) uses the service VIP', () => {
    for (const key of ['traefik.swarm.lbswarm', 'traefik.docker.lbswarm']) {
      const snap = build([service({ [key]: 'true' })], [task('t1', 1, '10.0.1.7')]);
      expect(urls(snap)).toEqual(['http://10.0.1.2:8080']);
    }
  });

  it('lbswarm on a dnsrr service warns and falls back to the task addresses', () => {
    const snap = build([service({ 'traefik.swarm.lbswarm': 'true' }, 'dnsrr')], [task('t1', 1, '10.0.1.7')]);
    expect(urls(snap)).toEqual(['http://10.0.1.7:8080']);
    expect(snap.diagnostics.map((d) => d.code)).toEqual(['SWARM_LBSWARM_DNSRR']);
  });

  it('names the automatic service and router after the Swarm service; the port label is required', () => {
    const svc: SwarmService = { ID: 'svc1', Spec: { Name: 'whoami', Labels: {} } };
    const snap = build([svc], [task('t1', 1, '10.0.1.7')]);
    expect(Object.keys(snap.config.http.routers)).toEqual([]);
    expect(snap.diagnostics.map((d) => d.code)).toContain('DOCKER_NO_PORT');
    const ok = build([{ ...svc, Spec: { Name: 'whoami', Labels: { 'traefik.http.services.x.loadbalancer.server.port': '80' } } }], [task('t1', 1, '10.0.1.7')]);
    expect(ok.config.http.routers['whoami']?.rule).toBe('Host(`whoami`)');
  });

  it('a label typo on a service is a diagnostic naming the key; other services keep routing', () => {
    const other: SwarmService = { ID: 'svc2', Spec: { Name: 'api', Labels: { 'traefik.http.routers.api.rulez': 'x', 'traefik.http.services.api.loadbalancer.server.port': '80' } } };
    const snap = build([service(), other], [task('t1', 1, '10.0.1.7'), { ...task('t9', 1, '10.0.1.20'), ServiceID: 'svc2' }]);
    expect(urls(snap)).toEqual(['http://10.0.1.7:8080']);
    expect(snap.diagnostics.some((d) => d.key === 'traefik.http.routers.api.rulez')).toBe(true);
  });

  it('traefik.swarm.network picks the network; the deprecated traefik.docker.network too', () => {
    const two: SwarmTask = { ...task('t1', 1, '10.0.1.7'), NetworksAttachments: [...task('t1', 1, '10.0.1.7').NetworksAttachments!, { Network: { ID: 'n2', Spec: { Name: 'back' } }, Addresses: ['10.0.2.7/24'] }] };
    expect(urls(build([service({ 'traefik.swarm.network': 'back' })], [two]))).toEqual(['http://10.0.2.7:8080']);
    expect(urls(build([service({ 'traefik.docker.network': 'back' })], [two]))).toEqual(['http://10.0.2.7:8080']);
  });
});
