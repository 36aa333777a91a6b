import type { Static, TObject } from '@sinclair/typebox';
import type { Logger, Provider } from '@wharf/config';

/**
 * One provider kind: its name (`providers.<name>` and the `@<name>` of its elements), the
 * schema of its static options (help and validation come from it) and its factory. The factory
 * receives its validated options and returns a Provider that only emits snapshots; it may return
 * it asynchronously, so a kind whose client is heavy loads its package (`import()`) only when
 * it is configured.
 */
export interface ProviderKind<N extends string = string, S extends TObject = TObject> {
  readonly name: N;
  readonly schema: S;
  /** shown next to `--providers.<name>` in `wharf --help` */
  readonly description: string;
  create(options: Static<S>, logger: Logger): Provider | Promise<Provider>;
}

export function providerKind<const N extends string, S extends TObject>(
  name: N, schema: S, description: string, create: (options: Static<S>, logger: Logger) => Provider | Promise<Provider>,
): ProviderKind<N, S> {
  return Object.freeze({ name, schema, description, create });
}
