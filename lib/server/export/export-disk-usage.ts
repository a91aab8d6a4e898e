import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { isUuid } from "@/lib/server/db/is-uuid";
import { exportsRoot } from "./export-storage";

/** Bytes a project's export files take on the server's disk (its folder under the exports folder, walked). */
export async function exportDiskUsage(options: { projectId: string }): Promise<number> {
  if (!isUuid(options.projectId)) return 0;
  return folderSize(path.join(exportsRoot(), options.projectId));
}

async function folderSize(folder: string): Promise<number> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) total += await folderSize(full);
    else if (entry.isFile()) total += (await stat(full).catch(() => null))?.size ?? 0;
  }
  return total;
}
