// CPU time of a process from /proc/<pid>/stat (utime + stime, in clock ticks).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond;
function clockTicks() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** `{ user, system }` CPU seconds used so far by `pid` (NaN when it cannot be read). */
export function cpuSplit(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15
    return { user: Number(fields[11]) / clockTicks(), system: Number(fields[12]) / clockTicks() };
  } catch {
    return { user: Number.NaN, system: Number.NaN };
  }
}

/**
 * Runs `measure()` (→ `{ requests, … }`) and adds the CPU time `pid` spent meanwhile per unit of
 * `requests` (µs; the unit is the row's: requests, connections, datagrams, MB).
 */
export async function withCpu(pid, measure) {
  const cpu0 = cpuSplit(pid);
  const r = await measure();
  const cpu1 = cpuSplit(pid);
  const per = (s) => (r.requests > 0 ? (s * 1e6) / r.requests : Number.NaN);
  const user = per(cpu1.user - cpu0.user);
  const sys = per(cpu1.system - cpu0.system);
  return { ...r, cpuUsPerReq: user + sys, userUsPerReq: user, sysUsPerReq: sys };
}
