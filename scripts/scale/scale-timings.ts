// Where seed:scale's time goes: wall time per phase, the generator's own time,
// Postgres's time per kind of row, and CPU of this process and of its Postgres
// backend (read from /proc when the database runs on this machine; CPU time
// still means something when the machine is shared, wall time does not).
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a local process, or null when /proc does not show it. */
export function processCpuSeconds(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export class ScaleTimings {
  private readonly wall = new Map<string, number>();
  private readonly started = performance.now();
  private readonly cpuAtStart = process.cpuUsage();
  private readonly backendCpuAtStart: number | null;

  constructor(private readonly backendPid: number | null) {
    this.backendCpuAtStart = processCpuSeconds(backendPid);
  }

  add(phase: string, ms: number) {
    this.wall.set(phase, (this.wall.get(phase) ?? 0) + ms);
  }

  async time<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  /** One line per phase, then CPU and peak RSS; phases may overlap (Postgres writes while the generator runs). */
  report(): string[] {
    const total = performance.now() - this.started;
    const lines = [...this.wall].map(([phase, ms]) => `  ${phase.padEnd(28)} ${(ms / 1000).toFixed(1).padStart(7)} s`);
    const cpu = process.cpuUsage(this.cpuAtStart);
    const backend = processCpuSeconds(this.backendPid);
    lines.push(
      `  wall ${(total / 1000).toFixed(1)} s; CPU: seeder ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s` +
        (backend !== null && this.backendCpuAtStart !== null
          ? `, Postgres backend ${(backend - this.backendCpuAtStart).toFixed(1)} s`
          : "") +
        `; seeder peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
    return lines;
  }
}
