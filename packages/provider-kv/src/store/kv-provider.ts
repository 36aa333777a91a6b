import type { Diagnostic, EmitSnapshot, Logger, Provider } from '@wharf/config';
import { decodeKv } from '../codec/decode-kv.js';
import type { KvPair } from '../codec/kv-pair.js';
import { createResync } from './resync.js';
import type { KvSession, OpenKvSession } from './kv-session.js';

export interface KvProviderDeps {
  logger?: Logger;
  /** a burst of change notices becomes one listing after this much quiet (default 20 ms) … */
  quietMs?: number;
  /** … but at most this long after the burst's first notice (default 200 ms) */
  maxWaitMs?: number;
}

export interface KvProviderSpec {
  name: string;
  rootKey: string;
  open: OpenKvSession;
}

/**
 * The shared loop of the KV providers (Traefik `pkg/provider/kv`): open a session, watch the
 * root key, list the whole tree and emit it; on any change notice list it again and emit the new
 * full snapshot (latest wins, nothing is diffed, so deletions and expiries always show). When the
 * store goes away `start` rejects with WHARF_KV_UNAVAILABLE: the provider runner restarts it
 * with backoff, and a fresh start lists again, so nothing missed meanwhile is lost.
 */
export function createKvProvider(spec: KvProviderSpec, deps: KvProviderDeps = {}): Provider {
  return {
    name: spec.name,
    async start(emit: EmitSnapshot, signal: AbortSignal): Promise<void> {
      if (signal.aborted) return;
      const session = await spec.open();
      try {
        await follow(session, spec, deps, emit, signal);
      } finally {
        await session.close();
      }
    },
  };
}

async function follow(session: KvSession, spec: KvProviderSpec, deps: KvProviderDeps, emit: EmitSnapshot, signal: AbortSignal): Promise<void> {
  const logDiagnostics = createDiagnosticLog(spec.name, deps.logger);
  let last: string | undefined;
  const sync = async (): Promise<void> => {
    const pairs = await session.list();
    if (signal.aborted) return;
    const print = fingerprint(pairs);
    if (print === last) return;
    const snapshot = decodeKv(pairs, { rootKey: spec.rootKey, provider: spec.name, source: session.label });
    snapshot.diagnostics.push(...session.diagnostics());
    logDiagnostics(snapshot.diagnostics);
    last = print;
    emit(snapshot);
  };
  const resync = createResync(sync, { quietMs: deps.quietMs ?? 20, maxWaitMs: deps.maxWaitMs ?? 200 });
  let onAbort = (): void => undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await session.watch(() => resync.request());
    await resync.now();
    deps.logger?.info('kv provider: watching', { provider: spec.name, store: session.label, rootKey: spec.rootKey });
    await Promise.race([session.lost, resync.failed, aborted]);
  } finally {
    resync.stop();
    signal.removeEventListener('abort', onAbort); // the runner passes the same signal to every restart
  }
}

/** Order-independent identity of a listing: an unchanged tree (a poll, a no-op write) emits nothing. */
function fingerprint(pairs: readonly KvPair[]): string {
  return pairs
    .map((p) => `${p.key.length}:${p.key}${p.value.length}:${p.value}`)
    .sort()
    .join('');
}

/** Logs diagnostics when they change (the API shows them too; logs help before it is up). */
function createDiagnosticLog(provider: string, logger: Logger | undefined): (diagnostics: Diagnostic[]) => void {
  let seen = new Set<string>();
  return (diagnostics) => {
    const next = new Set<string>();
    for (const d of diagnostics) {
      const id = `${d.code}|${d.key ?? ''}|${d.message}`;
      next.add(id);
      if (seen.has(id) || !logger) continue;
      const fields = { provider, store: d.source, code: d.code, key: d.key, suggestion: d.suggestion };
      if (d.severity === 'error') logger.error(d.message, fields);
      else if (d.severity === 'warning') logger.warn(d.message, fields);
      else logger.info(d.message, fields);
    }
    seen = next;
  };
}
