import type { DynamicConfig, ProviderSnapshot } from '@wharf/config';
import { decodeKv } from '../codec/decode-kv.js';
import { encodeKv, type EncodeIssue } from '../codec/encode-kv.js';
import { rootPrefix } from '../codec/kv-pair.js';
import type { OpenKvSession } from './kv-session.js';

export interface KvPutResult {
  /** keys of the new tree */
  keys: number;
  /** keys written (new or changed) */
  written: number;
  /** keys under the root key that the new tree does not have, deleted */
  deleted: number;
  /** what the layout cannot carry as written: nothing is written when there is any */
  issues: EncodeIssue[];
  store: string;
}

/**
 * `wharf kv put`: replaces the tree under the root key with `config` in Traefik's layout. Only
 * changed keys are written, then stale keys deleted, so a watching wharf or Traefik never sees an
 * empty tree in between. Keys outside `<rootKey>/` are never touched.
 */
export async function putKvTree(open: OpenKvSession, rootKey: string, config: DynamicConfig): Promise<KvPutResult> {
  const { pairs, issues } = encodeKv(config, rootKey);
  if (issues.length > 0) return { keys: pairs.length, written: 0, deleted: 0, issues, store: '' };
  const session = await open();
  try {
    const prefix = rootPrefix(rootKey);
    const existing = new Map((await session.list()).filter((p) => p.key.startsWith(prefix)).map((p) => [p.key, p.value]));
    const wanted = new Set(pairs.map((p) => p.key));
    const put = pairs.filter((p) => existing.get(p.key) !== p.value);
    const remove = [...existing.keys()].filter((key) => !wanted.has(key));
    await session.write(put, remove);
    return { keys: pairs.length, written: put.length, deleted: remove.length, issues: [], store: session.label };
  } finally {
    await session.close();
  }
}

/** `wharf kv get`: the tree under the root key, decoded as the provider would serve it. */
export async function getKvTree(open: OpenKvSession, rootKey: string, provider: string): Promise<ProviderSnapshot & { store: string }> {
  const session = await open();
  try {
    const snapshot = decodeKv(await session.list(), { rootKey, provider, source: session.label });
    return { ...snapshot, store: session.label };
  } finally {
    await session.close();
  }
}
