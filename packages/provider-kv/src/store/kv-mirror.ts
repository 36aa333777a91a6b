import type { KvPair } from '../codec/kv-pair.js';
import type { KvChange } from './kv-session.js';

/**
 * The provider's in-memory copy of the tree under the root key: watch changes are applied as
 * they come, and a listing (at start and on every resync) replaces it. A listing is not atomic
 * with the change stream, so the changes that arrive while it is in flight are journaled and
 * replayed on top of its result: for etcd they are a gap-free run of revisions, and replaying
 * the ones the listing already holds changes nothing; for Redis each change carries a value read
 * after its notification, so the last read of a key is never older than its last write.
 */
export class KvMirror {
  readonly #values = new Map<string, string>();
  /** keys touched since the last `takeChanged`, with their value then (undefined: absent) */
  readonly #touched = new Map<string, string | undefined>();
  #journal: KvChange[] | undefined;

  apply(changes: readonly KvChange[]): void {
    for (const change of changes) {
      this.#journal?.push(change);
      this.#set(change.key, change.kind === 'put' ? change.value : undefined);
    }
  }

  /** a listing is about to be requested: journal the changes from now on */
  beginListing(): void {
    this.#journal = [];
  }

  /** the listing's result replaces the copy; then the changes journaled since `beginListing` are replayed */
  endListing(pairs: readonly KvPair[]): void {
    const journal = this.#journal ?? [];
    this.#journal = undefined;
    const listed = new Map<string, string>();
    for (const p of pairs) listed.set(p.key, p.value);
    for (const key of this.#values.keys()) if (!listed.has(key)) this.#set(key, undefined);
    for (const [key, value] of listed) this.#set(key, value);
    for (const change of journal) this.#set(change.key, change.kind === 'put' ? change.value : undefined);
  }

  /** keys whose value changed since the last call, with their value now (undefined: deleted) */
  takeChanged(): Array<[string, string | undefined]> {
    const out: Array<[string, string | undefined]> = [];
    for (const [key, before] of this.#touched) {
      const now = this.#values.get(key);
      if (now !== before) out.push([key, now]);
    }
    this.#touched.clear();
    return out;
  }

  pairs(): KvPair[] {
    return [...this.#values].map(([key, value]) => ({ key, value }));
  }

  #set(key: string, value: string | undefined): void {
    const before = this.#values.get(key);
    if (before === value) return;
    if (value === undefined) this.#values.delete(key);
    else this.#values.set(key, value);
    if (!this.#touched.has(key)) this.#touched.set(key, before);
  }
}
