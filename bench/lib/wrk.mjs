// Runs Debian's wrk and parses its --latency report.
import { execFile } from 'node:child_process';

function toMs(text) {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (m === null) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

function parseWrk(out) {
  const num = (re) => {
    const m = re.exec(out);
    return m === null ? 0 : Number(m[1]);
  };
  const pct = (p) => {
    const m = new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(out);
    return m === null ? Number.NaN : toMs(m[1]);
  };
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    requests: num(/(\d+) requests in/),
    p50: pct(50),
    p99: pct(99),
    non2xx: num(/Non-2xx or 3xx responses:\s+(\d+)/),
    socketErrors: /Socket errors:.*/.exec(out)?.[0] ?? '',
  };
}

/** wrk against `scheme`://127.0.0.1:port (http or https), extra `headers` lines; bounded by duration + 15 s. */
export function runWrk({ port, path = '/bench', host, threads = 1, connections = 32, durationS = 5, scheme = 'http', headers = [] }) {
  const args = [`-t${threads}`, `-c${connections}`, `-d${durationS}s`, '--latency', '--timeout', '5s'];
  if (host !== undefined) args.push('-H', `Host: ${host}`);
  for (const h of headers) args.push('-H', h);
  args.push(`${scheme}://127.0.0.1:${port}${path}`);
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { timeout: (durationS + 15) * 1000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`wrk failed: ${err.message} ${stderr}`));
      else resolve({ ...parseWrk(stdout), raw: stdout });
    });
  });
}
