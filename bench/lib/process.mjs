// Child processes of the benchmark: started with a bounded wait for readiness, always killed.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';

const started = new Set();

/** Spawns `cmd args`; resolves once `port` accepts connections, or `ready()` is true (bounded by timeoutMs). */
export async function startProcess(cmd, args, { port, timeoutMs = 10_000, env, ready = () => canConnect(port) } = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  started.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.on('exit', () => started.delete(child));
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited early (${child.exitCode}): ${output.slice(-500)}`);
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`${cmd} not ready (port ${port}) after ${timeoutMs} ms: ${output.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { pid: child.pid, child, output: () => output, stop: () => stopProcess(child) };
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** SIGTERM, then SIGKILL after 3 s. */
function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Kills every process this benchmark started (on exit and on signals). */
export function killAll() {
  for (const child of started) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

// below the kernel's ephemeral range (32768+), where the benches' own client sockets take ports
let nextPort = 10_000 + Math.floor(Math.random() * 20_000);
/** A port for the next listener (a random base keeps concurrent runs apart). */
export function allocPort() {
  nextPort += 1;
  return nextPort;
}
