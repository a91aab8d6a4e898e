// CPU time by process group over a benchmark window, read from /proc (Linux
// only; elsewhere the snapshot is empty and nothing is printed). Used by
// scripts/bench/bench-evolve.ts to tell whether the workers, Postgres, the bench
// process (with the simulator) or something else on the machine took the cores.
import { readdirSync, readFileSync } from "node:fs";

export interface CpuSnapshot {
  /** Jiffies of user + system time per live process. */
  byPid: Map<number, { ticks: number; ppid: number; comm: string }>;
  /** Busy and total jiffies of the whole machine (all cores). */
  machine: { busy: number; total: number } | null;
}

function readProcess(pid: number): { ticks: number; ppid: number; comm: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    // After "pid (comm) ": state=0 ppid=1 … utime=11 stime=12.
    return { ticks: Number(fields[11]) + Number(fields[12]), ppid: Number(fields[1]), comm };
  } catch {
    return null;
  }
}

export function cpuSnapshot(): CpuSnapshot {
  const byPid = new Map<number, { ticks: number; ppid: number; comm: string }>();
  let machine: CpuSnapshot["machine"] = null;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const info = readProcess(Number(entry));
      if (info) byPid.set(Number(entry), info);
    }
    const values = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    machine = { busy: total - (values[3] ?? 0) - (values[4] ?? 0), total };
  } catch {
    // not Linux
  }
  return { byPid, machine };
}

/** The postmaster listening on `port` (its command line names the port), if it is on this machine. */
export function postmasterPid(port: number): number | null {
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
        if (!args[0]?.endsWith("postgres")) continue;
        const i = args.indexOf("-p");
        if ((i >= 0 && args[i + 1] === String(port)) || args.includes(`--port=${port}`)) return Number(entry);
      } catch {
        // process gone
      }
    }
  } catch {
    // not Linux
  }
  return null;
}

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds per group between two snapshots. `groups` maps a label to a
 * predicate on (pid, ppid); "other" is the machine's busy time not in a group
 * (including processes that started and ended inside the window); `topOthers`
 * names the biggest live ones.
 */
export function cpuByGroup(
  before: CpuSnapshot,
  after: CpuSnapshot,
  groups: Array<[string, (pid: number, ppid: number) => boolean]>,
) {
  const seconds = new Map<string, number>(groups.map(([label]) => [label, 0]));
  seconds.set("other", 0);
  const others = new Map<string, number>();
  for (const [pid, now] of after.byPid) {
    const then = before.byPid.get(pid);
    const delta = (now.ticks - (then && then.comm === now.comm ? then.ticks : 0)) / TICKS_PER_SECOND;
    if (delta <= 0) continue;
    const label = groups.find(([, match]) => match(pid, now.ppid))?.[0] ?? "other";
    seconds.set(label, (seconds.get(label) ?? 0) + delta);
    if (label === "other") others.set(now.comm, (others.get(now.comm) ?? 0) + delta);
  }
  const machineBusy =
    before.machine && after.machine ? (after.machine.busy - before.machine.busy) / TICKS_PER_SECOND : Number.NaN;
  // Whatever the machine did beyond the named groups: live processes outside
  // them, processes that came and went inside the window, the kernel.
  if (Number.isFinite(machineBusy)) {
    const named = groups.reduce((sum, [label]) => sum + (seconds.get(label) ?? 0), 0);
    seconds.set("other", Math.max(0, machineBusy - named));
  }
  const machineShare =
    before.machine && after.machine
      ? (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total)
      : Number.NaN;
  const topOthers = [...others.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return { seconds, machineBusy, machineShare, topOthers };
}
