import type { Diagnostic, DynamicConfig, ProviderState } from '@wharf/config';
import { createAggregator, type Aggregator } from '@wharf/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { providerCases, type ProviderUnderTest } from '../testing/provider-sources.js';

/**
 * The provider contract, run against every provider kind through the real runner and
 * aggregator: full snapshots under its own name only; bad data is a diagnostic, never a crash;
 * a lost source keeps the last snapshot while the state says `retrying` and the runner
 * reconnects with backoff; it resumes; it stops on abort.
 */
interface Watch {
  aggregator: Aggregator;
  configs: DynamicConfig[];
  diagnostics: Diagnostic[][];
  states: ProviderState[];
}

function watch(source: ProviderUnderTest): Watch {
  const w: Watch = { configs: [], diagnostics: [], states: [], aggregator: undefined as unknown as Aggregator };
  w.aggregator = createAggregator({
    providers: [source.provider],
    throttleMs: 0,
    backoff: { initialMs: 100, maxMs: 400 },
    closeTimeoutMs: 3000,
    onConfig: (config, diagnostics) => { w.configs.push(config); w.diagnostics.push(diagnostics); },
    onProviderState: (s) => w.states.push(s),
  });
  w.aggregator.start();
  return w;
}

async function eventually<T>(what: string, probe: () => T | undefined, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const routersOf = (c: DynamicConfig | undefined) => Object.keys(c?.http?.routers ?? {});
const hasRouter = (w: Watch, name: string) => routersOf(w.configs.at(-1)).includes(name) || undefined;
const state = (w: Watch) => w.aggregator.providerStates()[0]!;

describe.each(providerCases)('provider contract: $name', (kase) => {
  let source: ProviderUnderTest | undefined;
  let w: Watch | undefined;
  afterEach(async () => {
    await w?.aggregator.close();
    await source?.close();
    source = undefined;
    w = undefined;
  });
  const test = kase.open ? it : it.skip;

  test('emits full snapshots of its own name only, and bad data becomes a diagnostic', async () => {
    source = await kase.open!();
    w = watch(source);
    const name = source.provider.name;
    expect(name).toBe(kase.name);
    await eventually('the first snapshot', () => hasRouter(w!, `r0@${name}`));
    const first = w.configs.at(-1)!;
    for (const kind of ['routers', 'services', 'middlewares'] as const) {
      for (const key of Object.keys(first.http?.[kind] ?? {})) expect(key.endsWith(`@${name}`)).toBe(true);
    }
    await source.publish(1);
    // a full snapshot: r0 is gone, not kept beside r1
    await eventually('the next full snapshot', () => (hasRouter(w!, `r1@${name}`) && !hasRouter(w!, `r0@${name}`)) || undefined);
    await source.publishBad();
    const diags = await eventually('a diagnostic', () => w!.diagnostics.at(-1)?.find((d) => d.provider === name));
    expect(diags.code).toMatch(/\S/);
    expect(state(w).state).toBe('connected');
    expect(state(w).elements?.diagnostics).toBeGreaterThan(0);
  });

  // a file source does not go away and come back: a removed watched directory ends the provider
  // with WHARF_FILE_WATCH (provider-file's own tests), so the file case has no such test
  const lossTest = kase.name === 'file' ? undefined : test;
  lossTest?.('survives its source going away: keeps the last snapshot, says retrying, reconnects and resumes', async () => {
    source = await kase.open!();
    w = watch(source);
    const name = source.provider.name;
    await eventually('the first snapshot', () => hasRouter(w!, `r0@${name}`));
    const applied = w.configs.length;
    await source.takeDown!();
    const lost = await eventually('state retrying', () => (state(w!).state === 'retrying' ? state(w!) : undefined));
    expect(lost.lastError?.code).toMatch(/^WHARF_/);
    expect(lost.nextRetryAt).toBeDefined();
    // nothing replaced the last snapshot while the source is away
    expect(w.configs.length).toBe(applied);
    expect(hasRouter(w, `r0@${name}`)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(state(w).restarts).toBeGreaterThan(0);
    await source.bringBack!();
    await source.publish(2);
    await eventually('the resumed snapshot', () => hasRouter(w!, `r2@${name}`), 15_000);
    expect(state(w).state).toBe('connected');
    expect(state(w).lastError?.code).toBe(lost.lastError?.code);
  }, 25_000);

  test('stops on abort', async () => {
    source = await kase.open!();
    w = watch(source);
    await eventually('the first snapshot', () => w!.configs.length > 0 || undefined);
    const started = Date.now();
    await w.aggregator.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(state(w).state).toBe('stopped');
    const after = w.configs.length;
    await source.publish(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(w.configs.length).toBe(after);
  });
});
