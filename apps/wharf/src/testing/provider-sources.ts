import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DynamicConfig, Provider } from '@wharf/config';
import { createDockerProvider, createSwarmProvider, DockerUnavailableError, type ContainerData, type DockerEvent, type DockerSource, type SwarmListing } from '@wharf/provider-docker';
import { createFileProvider } from '@wharf/provider-file';
import { createEtcdProvider, createRedisProvider, putEtcdTree, putRedisTree } from '@wharf/provider-kv';
import { daemon, freePort } from '@wharf/test-daemons';
import { ETCD, REDIS } from './kv-stores.js';

const run = promisify(execFile);

/**
 * One provider under the contract suite (providers/provider.case.test.ts): its source, a way to
 * publish one router `r<n>` → service, a way to publish data the provider must turn into a
 * diagnostic, and (when the source can go away) a way to take it down and bring it back.
 */
export interface ProviderUnderTest {
  provider: Provider;
  publish(n: number): Promise<void>;
  publishBad(): Promise<void>;
  takeDown?(): Promise<void>;
  bringBack?(): Promise<void>;
  close(): Promise<void>;
}

export interface ProviderCase {
  name: string;
  /** absent: this machine lacks the source's binary */
  open?(): Promise<ProviderUnderTest>;
}

const config = (n: number): DynamicConfig => ({
  http: {
    routers: { [`r${n}`]: { rule: `Host(\`r${n}.test\`)`, service: 'svc' } },
    services: { svc: { loadBalancer: { servers: [{ url: `http://127.0.0.1:${1000 + n}` }] } } },
    middlewares: {},
  },
});

const fileCase: ProviderCase = {
  name: 'file',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-case-file-'));
    const file = join(dir, 'dynamic.yml');
    // the watcher coalesces writes closer than its stability window: space them out
    const write = async (text: string) => { await new Promise((r) => setTimeout(r, 150)); writeFileSync(file, text); };
    const yaml = (n: number) => `http:\n  routers:\n    r${n}:\n      rule: Host(\`r${n}.test\`)\n      service: svc\n  services:\n    svc:\n      loadBalancer:\n        servers:\n          - url: http://127.0.0.1:${1000 + n}\n`;
    writeFileSync(file, yaml(0));
    return {
      provider: createFileProvider({ filename: file, watch: true }, { throttleMs: 10 }),
      publish: (n) => write(yaml(n)),
      publishBad: () => write(yaml(0).replace('      rule:', '      rulez:')),
      close: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/** An in-memory engine: containers, a change event, and going away. */
class FakeEngine implements DockerSource {
  readonly endpoint = 'fake://engine';
  containers: ContainerData[] = [];
  up = true;
  #wake = new Set<(e: DockerEvent | Error) => void>();
  async list(): Promise<ContainerData[]> {
    if (!this.up) throw new Error('connect ECONNREFUSED');
    return structuredClone(this.containers);
  }
  async events(signal: AbortSignal): Promise<AsyncIterable<DockerEvent>> {
    if (!this.up) throw new Error('connect ECONNREFUSED');
    const pending: Array<DockerEvent | Error | null> = [];
    let notify: (() => void) | undefined;
    const push = (e: DockerEvent | Error | null) => { pending.push(e); notify?.(); };
    this.#wake.add(push);
    signal.addEventListener('abort', () => push(null), { once: true });
    const wake = this.#wake;
    return (async function* () {
      try {
        for (;;) {
          while (pending.length === 0) await new Promise<void>((r) => { notify = r; });
          const e = pending.shift()!;
          if (e === null) return;
          if (e instanceof Error) throw e;
          yield e;
        }
      } finally {
        wake.delete(push);
      }
    })();
  }
  set(labels: Record<string, string>): void {
    this.containers = [{ id: 'c1', name: 'app', labels, status: 'running', networkMode: 'bridge', networks: { bridge: { ipv4: '172.17.0.9' } }, ports: [{ port: 80, protocol: 'tcp' }] }];
    for (const w of this.#wake) w({ action: 'start', id: 'c1' });
  }
  down(): void {
    this.up = false;
    for (const w of [...this.#wake]) w(new Error('engine went away'));
  }
}

const dockerCase: ProviderCase = {
  name: 'docker',
  async open() {
    const engine = new FakeEngine();
    const labels = (n: number) => ({ [`traefik.http.routers.r${n}.rule`]: `Host(\`r${n}.test\`)`, [`traefik.http.routers.r${n}.service`]: 'svc', 'traefik.http.services.svc.loadbalancer.server.port': '80' });
    engine.set(labels(0));
    return {
      provider: createDockerProvider({}, { source: engine, throttleMs: 5 }),
      publish: async (n) => engine.set(labels(n)),
      publishBad: async () => engine.set({ ...labels(0), 'traefik.http.routers.r0.rulez': 'x' }),
      takeDown: async () => engine.down(),
      bringBack: async () => { engine.up = true; },
      close: async () => undefined,
    };
  },
};

const swarmCase: ProviderCase = {
  name: 'swarm',
  async open() {
    let labels: Record<string, string> = {};
    let up = true;
    const set = (n: number) => { labels = { [`traefik.http.routers.r${n}.rule`]: `Host(\`r${n}.test\`)`, [`traefik.http.routers.r${n}.service`]: 'svc', 'traefik.http.services.svc.loadbalancer.server.port': '80' }; };
    set(0);
    const manager = {
      endpoint: 'fake://manager',
      async list(): Promise<SwarmListing> {
        if (!up) throw DockerUnavailableError('fake://manager', 'connection refused');
        return {
          services: [{ ID: 's1', Spec: { Name: 'app', Labels: { ...labels } } }],
          tasks: [{ ID: 't1', ServiceID: 's1', Slot: 1, DesiredState: 'running', Status: { State: 'running' }, NetworksAttachments: [{ Network: { ID: 'n1', Spec: { Name: 'net' } }, Addresses: ['10.0.9.2/24'] }] }],
          networks: new Map([['n1', 'net']]),
        };
      },
    };
    return {
      provider: createSwarmProvider({ refreshSeconds: '50ms' }, { source: manager }),
      publish: async (n) => set(n),
      publishBad: async () => { labels = { ...labels, 'traefik.http.routers.r0.rulez': 'x' }; },
      takeDown: async () => { up = false; },
      bringBack: async () => { up = true; },
      close: async () => undefined,
    };
  },
};

const redisCase: ProviderCase = {
  name: 'redis',
  ...(REDIS ? {
    async open() {
      const port = await freePort();
      const d = daemon(REDIS!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], port);
      await d.start();
      const endpoints = [`127.0.0.1:${port}`];
      await putRedisTree({ endpoints }, config(0));
      return {
        provider: createRedisProvider({ endpoints }),
        publish: async (n) => { await putRedisTree({ endpoints }, config(n)); },
        publishBad: async () => { await run('redis-cli', ['-p', String(port), 'SET', 'traefik/http/routers/r0/rulez', 'x']); },
        takeDown: () => d.stop(),
        bringBack: () => d.start(),
        close: () => d.stop(),
      };
    },
  } : {}),
};

const etcdCase: ProviderCase = {
  name: 'etcd',
  ...(ETCD ? {
    async open() {
      const [port, peer] = [await freePort(), await freePort()];
      const dir = mkdtempSync(join(tmpdir(), 'wharf-case-etcd-'));
      const d = daemon(ETCD!, [
        '--data-dir', dir, '--name', 'case', '--listen-client-urls', `http://127.0.0.1:${port}`, '--advertise-client-urls', `http://127.0.0.1:${port}`,
        '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
        '--initial-cluster', `case=http://127.0.0.1:${peer}`,
      ], port);
      await d.start();
      const endpoints = [`127.0.0.1:${port}`];
      await putEtcdTree({ endpoints }, config(0));
      return {
        provider: createEtcdProvider({ endpoints }),
        publish: async (n) => { await putEtcdTree({ endpoints }, config(n)); },
        publishBad: async () => { await run('etcdctl', ['--endpoints', `http://127.0.0.1:${port}`, 'put', 'traefik/http/routers/r0/rulez', 'x']); },
        takeDown: () => d.stop(),
        bringBack: () => d.start(),
        close: async () => { await d.stop(); rmSync(dir, { recursive: true, force: true }); },
      };
    },
  } : {}),
};

/** Every provider kind the contract suite runs against (dns: its own package tests a loopback dnsmasq). */
export const providerCases: ProviderCase[] = [fileCase, dockerCase, swarmCase, redisCase, etcdCase];
