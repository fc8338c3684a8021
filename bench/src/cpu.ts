/**
 * CPU time from /proc (Linux): what a scenario cost the server, and PostgreSQL, beside its
 * throughput. Throughput on this shared machine moves with the load generator's core; CPU per
 * request says what the server itself spent.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

/**
 * user + system CPU seconds of one process so far, with those of its ended children when asked;
 * 0 where /proc cannot tell.
 */
export function cpuSecondsOf(pid: number | string, withEndedChildren = false): number {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    const children = withEndedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
    return (own + children) / TICKS_PER_SECOND || 0;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of every process named `postgres` on this machine (the server and its backends),
 * with the backends that ended meanwhile: the postmaster counts those as its ended children. Other
 * users of the same PostgreSQL server count too; the benchmark assumes it has the machine.
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
        total += cpuSecondsOf(entry, true);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

/**
 * Starts counting; the returned function gives the cores used meanwhile by the server, this load
 * generator (at 1.0 it, not the server, is the limit) and PostgreSQL, and the server's µs per request.
 */
export function countCpu(serverPid: number, withPostgres: boolean) {
  const pg = withPostgres ? postgresCpuSeconds() : 0;
  const start = { server: cpuSecondsOf(serverPid), pg, self: process.cpuUsage(), at: performance.now() };
  return (requests: number) => {
    const seconds = (performance.now() - start.at) / 1000;
    const server = cpuSecondsOf(serverPid) - start.server;
    return {
      serverCores: Number((server / seconds).toFixed(2)),
      serverUsPerRequest: Math.round((server * 1e6) / Math.max(1, requests)),
      loadGeneratorCores: Number((cpuSecondsSince(start.self) / seconds).toFixed(2)),
      ...(withPostgres ? postgresPart(postgresCpuSeconds() - start.pg, seconds, requests) : {}),
    };
  };
}

const postgresPart = (cpuSeconds: number, seconds: number, requests: number) => ({
  postgresCores: Number((cpuSeconds / seconds).toFixed(2)),
  postgresUsPerRequest: Math.round((cpuSeconds * 1e6) / Math.max(1, requests)),
});
