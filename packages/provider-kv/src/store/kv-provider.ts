import type { Diagnostic, EmitSnapshot, Logger, Provider } from '@wharf/config';
import { KvSnapshotDecoder } from '../codec/kv-snapshot-decoder.js';
import { KvMirror } from './kv-mirror.js';
import { createResync } from './resync.js';
import type { KvSession, OpenKvSession } from './kv-session.js';

export interface KvProviderDeps {
  logger?: Logger;
  /** a burst of changes becomes one snapshot after this much quiet (default 20 ms) … */
  quietMs?: number;
  /** … but at most this long after the burst's first change (default 200 ms) */
  maxWaitMs?: number;
}

export interface KvProviderSpec {
  name: string;
  rootKey: string;
  open: OpenKvSession;
}

/**
 * The shared loop of the KV providers (Traefik `pkg/provider/kv`): open a session, watch the
 * root key, list the whole tree and emit it. From then on the watch's changes update an in-memory
 * copy of the tree (`KvMirror`) and only the elements they touch are decoded again
 * (`KvSnapshotDecoder`); every emit is still the full snapshot. The tree is listed again only on
 * a resync the session asks for (an etcd watch gap or compaction, Redis' periodic check or
 * polling), so deletions and expiries always show. When the store goes away `start` rejects with
 * WHARF_KV_UNAVAILABLE: the provider runner restarts it with backoff, and a fresh start lists
 * again, so nothing missed meanwhile is lost.
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
  const mirror = new KvMirror();
  const decoder = new KvSnapshotDecoder({ rootKey: spec.rootKey, provider: spec.name, source: session.label });
  let listing = true;
  let emitted: string | undefined;
  const sync = async (): Promise<void> => {
    if (listing) {
      listing = false;
      mirror.beginListing();
      const pairs = await session.list();
      if (signal.aborted) return;
      mirror.endListing(pairs);
    }
    const changed = mirror.takeChanged();
    for (const [key, value] of changed) decoder.set(key, value);
    const extra = session.diagnostics();
    const print = JSON.stringify(extra);
    if (changed.length === 0 && print === emitted) return; // nothing new (a no-op write, an unchanged listing)
    const snapshot = decoder.snapshot();
    snapshot.diagnostics.push(...extra);
    logDiagnostics(snapshot.diagnostics);
    emitted = print;
    emit(snapshot);
  };
  const resync = createResync(sync, { quietMs: deps.quietMs ?? 20, maxWaitMs: deps.maxWaitMs ?? 200 });
  let onAbort = (): void => undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await session.watch({
      changes(batch) {
        mirror.apply(batch);
        resync.request();
      },
      resync(reason) {
        deps.logger?.debug('kv provider: listing the tree again', { provider: spec.name, store: session.label, reason });
        listing = true;
        resync.request();
      },
    });
    await resync.now();
    deps.logger?.info('kv provider: watching', { provider: spec.name, store: session.label, rootKey: spec.rootKey });
    await Promise.race([session.lost, resync.failed, aborted]);
  } finally {
    resync.stop();
    signal.removeEventListener('abort', onAbort); // the runner passes the same signal to every restart
  }
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
