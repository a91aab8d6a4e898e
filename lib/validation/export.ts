import { z } from "zod";
import { jsonField } from "./json-field";
import { OPERATIONS } from "@/lib/evolution/operations";
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD } from "@/lib/export/near-duplicates";
import {
  EXPORT_FORMATS,
  LINEAGE_DEFAULT,
  NO_LINEAGE_FORMATS,
  NO_LINEAGE_REASON,
  type ExportFormat,
} from "@/lib/export/types";

export const STATUS_PRESETS = ["accepted", "accepted_or_passing_unreviewed", "all"] as const;
export type StatusPreset = (typeof STATUS_PRESETS)[number];

export const STATUS_PRESET_LABELS: Record<StatusPreset, string> = {
  accepted: "Accepted only",
  accepted_or_passing_unreviewed: "Accepted, plus unreviewed nodes the eliminator passed",
  all: "Everything (with its statuses)",
};

/** Near-duplicate removal: MinHash over instructions, Jaccard similarity at or above the threshold. */
export const DEFAULT_DEDUPE_THRESHOLD = DEFAULT_NEAR_DUPLICATE_THRESHOLD;

/**
 * Which nodes an export takes. Filters on round/operation/run apply to evolved nodes; seeds are their own switch.
 * With an evaluation set chosen, the export is exactly that set's nodes (a test set) and the filters do not apply.
 */
export const exportSelectionSchema = z.object({
  status: z.enum(STATUS_PRESETS).default("accepted"),
  rounds: z.array(z.number().int().min(1).max(50)).max(50).default([]),
  operations: z.array(z.enum(OPERATIONS)).max(OPERATIONS.length).default([]),
  runId: z.uuid("Unknown run.").nullable().default(null),
  skill: z.string().trim().max(100).default(""),
  includeSeeds: z.boolean().default(true),
  evalSetId: z.uuid("Unknown evaluation set.").nullable().default(null),
  /** Leave out the nodes of the project's hold-out evaluation sets (training data never holds test items). */
  excludeHeldOut: z.boolean().default(true),
});
export type ExportSelection = z.output<typeof exportSelectionSchema>;

const dedupeSchema = z.object({
  enabled: z.boolean().default(false),
  threshold: z
    .number()
    .min(0.5, "A threshold below 0.5 removes unrelated texts.")
    .max(1)
    .default(DEFAULT_DEDUPE_THRESHOLD),
});

/** Everything an admin chooses for one export; the form, the CLI and the job share it. */
export const exportOptionsSchema = exportSelectionSchema
  .extend({
    dedupe: dedupeSchema.default({ enabled: false, threshold: DEFAULT_DEDUPE_THRESHOLD }),
    format: z.enum(EXPORT_FORMATS).default("alpaca"),
    /** Lineage columns; when left out, the format's default (LINEAGE_DEFAULT). */
    lineage: z.boolean().nullable().optional(),
    systemPrompt: z.string().max(4000, "Keep the system prompt under 4,000 characters.").default(""),
    bundle: z.boolean().default(false),
    /** CSV: keep cells exactly as stored instead of neutralising formulas (for round trips). */
    keepRawText: z.boolean().default(false),
  })
  .refine((v) => !(v.lineage === true && NO_LINEAGE_FORMATS.includes(v.format)), {
    message: NO_LINEAGE_REASON,
    path: ["lineage"],
  })
  .transform((v) => ({ ...v, lineage: v.lineage ?? LINEAGE_DEFAULT[v.format as ExportFormat] }));
export type ExportOptions = z.output<typeof exportOptionsSchema>;
export type ExportOptionsInput = z.input<typeof exportOptionsSchema>;

/** Up to this many nodes an export may stream straight to the browser ("Download now"); larger ones run as a job. */
export const DIRECT_EXPORT_LIMIT = 50_000;

export const removeExportFilesSchema = z.object({
  projectId: z.uuid("Unknown project."),
  exportId: z.uuid("Unknown export."),
});

/** Retrying or removing a failed export names it the same way. */
export const retryExportSchema = removeExportFilesSchema;
export const removeExportSchema = removeExportFilesSchema;

export const startExportSchema = z.object({ projectId: z.uuid("Unknown project."), options: exportOptionsSchema });

/** "Download now" posts the export options as one form field holding JSON. */
export const streamExportFormSchema = z.object({
  options: jsonField(exportOptionsSchema, "The export options are missing or not JSON."),
});

/** The export form's near-duplicate count posts its selection and threshold as one form field holding JSON. */
export const nearDuplicateCountFormSchema = z.object({
  request: jsonField(
    z.object({ selection: exportSelectionSchema, threshold: dedupeSchema.shape.threshold }),
    "The count request is missing or not JSON.",
  ),
});

export const countExportSchema = z.object({
  projectId: z.uuid("Unknown project."),
  selection: exportSelectionSchema,
});

/** The files of an export that can be downloaded one by one. */
export const EXPORT_FILES = ["archive", "data", "card", "dataset_info", "axolotl"] as const;
export type ExportFile = (typeof EXPORT_FILES)[number];
