import type { RouterConfig } from '@wharf/config';

interface Entry {
  key: string;
  decoded: RouterConfig;
}

/**
 * Reuses what a router's own content decides (its schema-decoded config and its parsed rule)
 * across generations: a reload of 10,000 routers where one changed decodes and parses one.
 * Keyed by name and the config's JSON; only what the current generation holds is kept.
 */
export class RouterMemo {
  #decoded = new Map<string, Entry>();
  #nextDecoded = new Map<string, Entry>();
  #rules = new Map<string, unknown>();
  #nextRules = new Map<string, unknown>();

  /** The decoded config of `name`, from the previous generation when its content is the same. */
  decode(name: string, config: RouterConfig, decode: () => RouterConfig | undefined): RouterConfig | undefined {
    let key: string;
    try {
      key = JSON.stringify(config);
    } catch {
      return decode();
    }
    const hit = this.#decoded.get(name);
    if (hit !== undefined && hit.key === key) {
      this.#nextDecoded.set(name, hit);
      return hit.decoded;
    }
    const decoded = decode();
    if (decoded !== undefined) this.#nextDecoded.set(name, { key, decoded });
    return decoded;
  }

  /** A parsed rule (parse results are immutable), reused by rule text and syntax; throws as `parse` does. */
  parse<T>(rule: string, syntax: string, parse: () => T): T {
    const key = `${syntax}\u0000${rule}`;
    if (this.#rules.has(key)) {
      const parsed = this.#rules.get(key) as T;
      this.#nextRules.set(key, parsed);
      return parsed;
    }
    const parsed = parse();
    this.#nextRules.set(key, parsed);
    return parsed;
  }

  /** After a validation pass: keep only what it used. */
  commit(): void {
    this.#decoded = this.#nextDecoded;
    this.#nextDecoded = new Map();
    this.#rules = this.#nextRules;
    this.#nextRules = new Map();
  }
}
