// Runs nghttp2's h2load (Debian package nghttp2-client) and parses its summary.
import { execFile, execFileSync } from 'node:child_process';

/** true when h2load is on the PATH */
export function hasH2load() {
  try {
    execFileSync('h2load', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function parseH2load(out) {
  const num = (re) => Number(re.exec(out)?.[1] ?? Number.NaN);
  const ms = (text) => (text === undefined ? Number.NaN : Number.parseFloat(text) * (text.endsWith('us') ? 0.001 : text.endsWith('ms') ? 1 : 1000));
  const times = /time for request:\s+(\S+)\s+(\S+)\s+(\S+)/.exec(out);
  return {
    rps: num(/finished in [\d.]+s, ([\d.]+) req\/s/),
    requests: num(/(\d+) succeeded/),
    failed: num(/(\d+) failed/) + num(/(\d+) errored/),
    non2xx: num(/status codes: \d+ 2xx, (\d+) 3xx/) + num(/(\d+) 4xx/) + num(/(\d+) 5xx/),
    meanMs: ms(times?.[3]),
    maxMs: ms(times?.[2]),
  };
}

/** h2load -D durationS over `clients` connections × `streams` concurrent streams, one thread. */
export function runH2load({ port, path = '/bench', clients = 4, streams = 8, durationS = 5, warmupS = 1 }) {
  const args = ['-t1', `-c${clients}`, `-m${streams}`, `-D${durationS}`, `--warm-up-time=${warmupS}`, `https://127.0.0.1:${port}${path}`];
  return new Promise((resolve, reject) => {
    execFile('h2load', args, { timeout: (durationS + warmupS + 15) * 1000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`h2load failed: ${err.message} ${stderr}`));
      else {
        const r = parseH2load(stdout);
        resolve(r.failed > 0 ? { ...r, error: `${r.failed} requests failed` } : r);
      }
    });
  });
}
