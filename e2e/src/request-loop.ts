import { httpGet, whoamiHostname } from './http-get.js';

/**
 * Sequential GETs until stopped (or 120 s): every non-200 answer or transport error is a
 * failure; the whoami hostnames that answered are collected.
 */
export function requestLoop(url: string) {
  let running = true;
  const failures: string[] = [];
  const hosts = new Set<string>();
  let total = 0;
  const done = (async () => {
    const deadline = Date.now() + 120_000;
    while (running && Date.now() < deadline) {
      total += 1;
      try {
        const res = await httpGet(url, { timeoutMs: 10_000 });
        if (res.status !== 200) failures.push(`${res.status} ${res.body.slice(0, 120)}`);
        else hosts.add(whoamiHostname(res.body) ?? '');
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
  })();
  return {
    hosts,
    /** forget the hostnames seen so far */
    resetHosts: () => hosts.clear(),
    stop: async () => { running = false; await done; return { total, failures }; },
  };
}
