import type { Diagnostic, Logger, Provider } from '@wharf/config';
import { createAnswerCache } from './answer-cache.js';
import { buildConfig } from './build-config.js';
import { createDiagnosticLog } from './diagnostic-log.js';
import { dnsDiagnostic, DnsDiagnosticCode } from './diagnostics.js';
import { createAresClient, type DnsClient } from './dns-client.js';
import { DnsNoResolversError } from './errors.js';
import { lookupService, type LookupContext } from './lookup.js';
import type { DnsProviderOptionsInput } from './options.js';
import { resolveDnsOptions, type ResolvedDnsOptions } from './resolve-options.js';
import type { NameserverAddress } from './resolver-address.js';
import { createSleeper } from './sleeper.js';
import { initialServiceState } from './slot-table.js';
import { describeStatus, type DnsProviderStatus } from './status.js';
import { RESOLV_CONF, systemNameservers } from './system-nameservers.js';
import { watchServices, type WatchedService } from './watch.js';

export interface DnsProviderDeps {
  logger?: Logger;
  /** epoch milliseconds (tests); default Date.now */
  now?: () => number;
  /** where the default nameservers come from (default /etc/resolv.conf) */
  resolvConfPath?: string;
  /** the DNS client (default: Node's c-ares resolver on the nameservers) */
  createClient?: (nameservers: readonly NameserverAddress[], timeoutMs: number) => DnsClient;
}

/** The `dns` provider; `status()` feeds the providers view (answer times, counts, slot tables). */
export interface DnsProvider extends Provider {
  status(): DnsProviderStatus;
}

/**
 * `providers.dns`: HAProxy `server-template` discovery. Each configured service is re-resolved
 * on its own schedule; every change emits the full snapshot (`http.services.<name>`). A failing
 * nameserver is not a crash: it is a resolution status with its `hold`, in the diagnostics.
 * `start` only throws when there is no nameserver to ask at all (the runner retries).
 */
export function createDnsProvider(input: DnsProviderOptionsInput | boolean = {}, deps: DnsProviderDeps = {}): DnsProvider {
  const { options, diagnostics: optionDiagnostics } = resolveDnsOptions(input);
  const now = deps.now ?? Date.now;
  let views: WatchedService[] = [];
  let nameservers: string[] = [];
  return {
    name: 'dns',
    status: () => describeStatus(nameservers, views),
    async start(emit, signal) {
      const diagnostics: Diagnostic[] = [...optionDiagnostics];
      const servers = await nameserversFor(options, deps.resolvConfPath ?? RESOLV_CONF, diagnostics);
      const log = createDiagnosticLog(deps.logger);
      const publish = (current: readonly WatchedService[]) => {
        const snapshot = buildConfig(current, now(), diagnostics);
        log(snapshot.diagnostics);
        emit(snapshot);
      };
      views = options.services.map((service) => ({ service, state: initialServiceState, policy: { slots: service.slots, hold: options.hold }, resolving: false }));
      if (servers.length === 0 || views.length === 0) {
        publish(views);
        await untilAborted(signal);
        return;
      }
      const client = (deps.createClient ?? createAresClient)(servers, options.timeoutMs);
      nameservers = [...client.nameservers];
      const onAbort = () => client.cancel();
      signal.addEventListener('abort', onAbort, { once: true });
      const sleep = createSleeper(signal);
      const ctx: LookupContext = { client, cache: createAnswerCache(options.hold.valid, now), retries: options.resolveRetries, timeoutMs: options.timeoutMs, now, sleep, signal };
      try {
        await watchServices(views, { lookup: (service, maxAgeMs) => lookupService(service, maxAgeMs, ctx), now, sleep, publish, signal });
      } finally {
        signal.removeEventListener('abort', onAbort);
        client.cancel();
      }
    },
  };
}

/** Configured nameservers, else resolv.conf's; none at all is the runner's to retry. */
async function nameserversFor(options: ResolvedDnsOptions, resolvConf: string, diagnostics: Diagnostic[]): Promise<NameserverAddress[]> {
  if (options.resolvers !== undefined) {
    if (options.resolvers.length === 0 && options.services.length > 0) {
      diagnostics.push(dnsDiagnostic('providers.dns.resolvers', { code: DnsDiagnosticCode.badResolver, severity: 'error', key: 'providers.dns.resolvers', message: 'providers.dns.resolvers has no usable nameserver; no service is resolved' }));
    }
    return options.resolvers;
  }
  if (options.services.length === 0) return [];
  const { nameservers, reason } = await systemNameservers(resolvConf, diagnostics);
  if (nameservers.length === 0) throw DnsNoResolversError(reason ?? `${resolvConf} lists no nameserver`);
  return nameservers;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}
