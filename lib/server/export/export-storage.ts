import path from "node:path";
import { FORMAT_EXTENSION, type ExportFormat } from "@/lib/export/types";
import type { ExportFile } from "@/lib/validation/export";
import { getEnv, type Env } from "@/lib/server/config/env";

/** Where export files live: `$EVOL_DATA_DIR/exports`, beside the embedded database. */
export function exportsRoot(env: Env = getEnv()): string {
  return path.resolve(env.EVOL_DATA_DIR, "exports");
}

/** The absolute folder of one export; refuses a stored path that would leave the exports folder. */
export function exportFolder(storagePath: string, env: Env = getEnv()): string {
  const root = exportsRoot(env);
  const folder = path.resolve(root, storagePath);
  if (!folder.startsWith(root + path.sep)) throw new Error(`export storage path escapes ${root}: ${storagePath}`);
  return folder;
}

export const BUNDLE_FILES = { card: "README.md", dataset_info: "dataset_info.json", axolotl: "axolotl.yaml" } as const;

function slug(text: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "-");
  return s.slice(0, 60) || "dataset";
}

/** `<project>-<format>-<yyyymmdd-hhmmss>.<ext>`: readable, sortable, safe in a Content-Disposition header. */
export function exportFileName(projectName: string, format: ExportFormat, at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return `${slug(projectName)}-${format}-${stamp}.${FORMAT_EXTENSION[format]}`;
}

export function archiveName(fileName: string): string {
  return `${fileName.replace(/\.[^.]+$/, "")}.zip`;
}

/** The name on disk (inside the export's folder) of one downloadable file. */
export function storedFileName(file: ExportFile, fileName: string): string {
  if (file === "data") return fileName;
  if (file === "archive") return archiveName(fileName);
  return BUNDLE_FILES[file];
}

export const CONTENT_TYPES: Record<string, string> = {
  jsonl: "application/x-ndjson; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  parquet: "application/vnd.apache.parquet",
  zip: "application/zip",
  md: "text/markdown; charset=utf-8",
  yaml: "application/yaml; charset=utf-8",
};

export function contentTypeOf(name: string): string {
  return CONTENT_TYPES[name.slice(name.lastIndexOf(".") + 1)] ?? "application/octet-stream";
}
