// The query strings of the seeds endpoints of the REST API (/api/v1).
import { z } from "zod";
import { pageQuerySchema } from "@/lib/routes/api-pagination";
import { queryFlag } from "./query-flag";

/** `POST /api/v1/projects/{projectId}/seeds?dry_run=&skip_invalid=&file_name=&format=` */
export const seedImportQuerySchema = z.object({
  /** 1: answer the preview (counts, first rows, errors, duplicates) and write nothing. */
  dry_run: queryFlag("dry_run"),
  /** 1: import the good records and skip the bad ones (the Import page's checkbox); else any bad record stops it all. */
  skip_invalid: queryFlag("skip_invalid"),
  /** The name recorded with the import (a form's file keeps its own name unless this is given). */
  file_name: z.string().trim().min(1).max(255, "file_name must be at most 255 characters.").optional(),
  /** The format of an application/octet-stream body (any other Content-Type names its own). */
  format: z.enum(["jsonl", "json", "csv", "parquet", "text"], "Unknown format.").optional(),
});
export type SeedImportQuery = z.output<typeof seedImportQuerySchema>;

/** `GET /api/v1/projects/{projectId}/seeds?search=&limit=&cursor=` */
export const seedListQuerySchema = pageQuerySchema.extend({
  /** The Seeds page's search: a part of the instruction or input, any case. */
  search: z.string().trim().max(200, "search must be at most 200 characters.").optional(),
});
