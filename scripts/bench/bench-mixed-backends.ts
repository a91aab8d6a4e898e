// For `npm run bench:mixed`: which Postgres backend serves which of our
// processes (Linux only), to tell the web side's waits from the worker's and,
// when asked, to lower the worker's backends' OS priority with the worker's.
// A backend's client_port (pg_stat_activity) is the local port of a TCP
// socket that the client process holds open: read from /proc.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/** Local TCP ports of the sockets `pid` holds open (empty if unreadable). */
export function localPorts(pid: number): Set<number> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const match = /^socket:\[(\d+)\]$/.exec(target);
        if (match) inodes.add(match[1]);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    return new Set();
  }
  const ports = new Set<number>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      if (fields.length > 9 && inodes.has(fields[9])) ports.add(parseInt(fields[1].split(":")[1], 16));
    }
  }
  return ports;
}

export type Side = "web" | "worker" | "other";

export interface BackendRow {
  pid: number;
  client_port: number | null;
  state: string | null;
  wait: string | null;
  query: string | null;
}

/**
 * Sorts backends by the process they serve, every call reading the sockets
 * anew (pools open and close connections). With `workerNice`, each backend of
 * the worker is reniced once (Postgres backends are single-threaded processes).
 */
export function backendClassifier(options: { webPid?: number; workerPid?: number; workerNice: number }) {
  const reniced = new Set<number>();
  return (rows: BackendRow[]): Array<BackendRow & { side: Side }> => {
    const web = options.webPid ? localPorts(options.webPid) : new Set<number>();
    const worker = options.workerPid ? localPorts(options.workerPid) : new Set<number>();
    return rows.map((row) => {
      const side: Side =
        row.client_port !== null && web.has(row.client_port)
          ? "web"
          : row.client_port !== null && worker.has(row.client_port)
            ? "worker"
            : "other";
      if (side === "worker" && options.workerNice > 0 && !reniced.has(row.pid)) {
        reniced.add(row.pid);
        try {
          setPriority(row.pid, options.workerNice);
        } catch {
          // gone, or not allowed
        }
      }
      return { ...row, side };
    });
  };
}
