import { describe, expect, it } from 'vitest';
import { pick, seeded } from '../testing/seeded.js';
import { KvMirror } from './kv-mirror.js';
import type { KvChange } from './kv-session.js';

const sortedPairs = (m: Map<string, string>) => [...m].map(([key, value]) => ({ key, value })).sort((a, b) => (a.key < b.key ? -1 : 1));

describe('KvMirror', () => {
  it('applies changes, and reports only net changes', () => {
    const mirror = new KvMirror();
    mirror.apply([{ kind: 'put', key: 'k', value: '1' }, { kind: 'put', key: 'j', value: '1' }]);
    expect(mirror.takeChanged()).toEqual([['k', '1'], ['j', '1']]);
    mirror.apply([{ kind: 'put', key: 'k', value: '2' }, { kind: 'put', key: 'k', value: '1' }, { kind: 'delete', key: 'j' }, { kind: 'delete', key: 'gone' }]);
    expect(mirror.takeChanged()).toEqual([['j', undefined]]);
    expect(mirror.pairs()).toEqual([{ key: 'k', value: '1' }]);
  });

  it('a listing replaces the copy: keys it lacks are deleted, keys it has are set', () => {
    const mirror = new KvMirror();
    mirror.apply([{ kind: 'put', key: 'a', value: '1' }, { kind: 'put', key: 'b', value: '1' }]);
    mirror.takeChanged();
    mirror.beginListing();
    mirror.endListing([{ key: 'b', value: '2' }, { key: 'c', value: '1' }]);
    expect(mirror.takeChanged()).toEqual([['a', undefined], ['b', '2'], ['c', '1']]);
  });

  it('etcd order: whenever a listing starts and however late its answer comes, the copy ends equal to the store', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = seeded(seed);
      // a history of revisions 1..n on a few keys, and the store's state after each
      const history: KvChange[] = [];
      const states: Array<Map<string, string>> = [new Map()];
      for (let rev = 1; rev <= 40; rev++) {
        const key = pick(rand, ['a', 'b', 'c', 'd']);
        const change: KvChange = rand() < 0.4 ? { kind: 'delete', key } : { kind: 'put', key, value: String(rev) };
        history.push(change);
        const next = new Map(states.at(-1));
        if (change.kind === 'put') next.set(key, change.value);
        else next.delete(key);
        states.push(next);
      }
      const mirror = new KvMirror();
      let delivered = 0;
      let listing: { revision: number; answerAfter: number } | undefined;
      // the first listing (at start) and random resyncs, each answered at a revision at or after what was already delivered
      const startListing = () => {
        mirror.beginListing();
        const revision = delivered + Math.floor(rand() * (history.length - delivered + 1));
        listing = { revision, answerAfter: delivered + Math.floor(rand() * (history.length - delivered + 1)) };
      };
      startListing();
      while (delivered < history.length || listing) {
        if (listing && delivered >= listing.answerAfter) {
          mirror.endListing([...states[listing.revision]!].map(([key, value]) => ({ key, value })));
          listing = undefined;
          continue;
        }
        if (!listing && rand() < 0.1) {
          startListing();
          continue;
        }
        mirror.apply([history[delivered++]!]);
      }
      const sorted = mirror.pairs().sort((a, b) => (a.key < b.key ? -1 : 1));
      expect(sorted, `seed ${seed}`).toEqual(sortedPairs(states.at(-1)!));
    }
  });
});
