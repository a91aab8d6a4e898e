import { z } from "zod";
import { jsonField } from "./json-field";
import { OPERATIONS } from "@/lib/evolution/operations";
import { MAX_FIELD_CHARS_CEILING } from "@/lib/text/field-length";

export const REASON_TAGS = [
  "too_easy",
  "unanswerable",
  "off_topic",
  "duplicate",
  "bad_answer",
  "unsafe",
  "copied_prompt",
  "other",
] as const;

export const REASON_LABELS: Record<(typeof REASON_TAGS)[number], string> = {
  too_easy: "Too easy / no harder",
  unanswerable: "Unanswerable",
  off_topic: "Off topic",
  duplicate: "Duplicate",
  bad_answer: "Bad answer",
  unsafe: "Unsafe",
  copied_prompt: "Copied prompt",
  other: "Other",
};

export const decideNodeSchema = z.object({
  projectId: z.uuid(),
  nodeId: z.uuid(),
  decision: z.enum(["accept", "reject"]),
  reasonTags: z.array(z.enum(REASON_TAGS)).max(REASON_TAGS.length).default([]),
  note: z.string().trim().max(2000, "Keep the note under 2,000 characters.").default(""),
  /** The latest decision the reviewer saw, so a decision made meanwhile by someone else can be reported. */
  seenReviewId: z.uuid().nullable().default(null),
  /**
   * Set when the reviewer's view hid other reviewers' decisions (blind review):
   * when it was read. Only decisions made after it are reported as made meanwhile.
   */
  seenAt: z.coerce.date().nullable().default(null),
});

/**
 * The review bar's decision sent in the background (POST
 * /api/projects/{projectId}/nodes/{nodeId}/decision): form field `decision`,
 * the rest of decideNodeSchema as JSON.
 */
export const decisionFormSchema = z.object({
  decision: jsonField(decideNodeSchema.omit({ projectId: true, nodeId: true }), "The decision is missing or not JSON."),
});

/** Re-evolve: the node's parent is evolved again, with a chosen operation; re-answer: the node's instruction is answered again. Both add a sibling. */
export const REDO_KINDS = ["re-evolve", "re-answer"] as const;
export type RedoKind = (typeof REDO_KINDS)[number];

export const redoNodeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("re-evolve"), projectId: z.uuid(), nodeId: z.uuid(), operation: z.enum(OPERATIONS) }),
  z.object({ kind: z.literal("re-answer"), projectId: z.uuid(), nodeId: z.uuid() }),
]);

export const editNodeSchema = z.object({
  projectId: z.uuid(),
  nodeId: z.uuid(),
  field: z.enum(["instruction", "output"]),
  // SEED_MAX_FIELD_CHARS, a setting, is applied by editNode; this only bounds what is worth reading.
  text: z
    .string()
    .trim()
    .min(1, "The text cannot be empty.")
    .max(MAX_FIELD_CHARS_CEILING, `The text is over ${MAX_FIELD_CHARS_CEILING.toLocaleString("en-US")} characters.`),
});

/** Which text of a node, and from which character, the node view's "Show all" asks for next. */
export const textChunkQuerySchema = z.object({
  field: z.enum(["instruction", "input", "output", "rawReply"], "Unknown text field."),
  offset: z.coerce.number().int().min(0).max(2_000_000_000),
});
export type TextChunkQuery = z.output<typeof textChunkQuerySchema>;

/** Filters of the review queue, as they travel in the URL (a form sends empty fields as ""; they mean "any"). */
const dropEmpty = (value: unknown) =>
  value && typeof value === "object" ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== "")) : value;

export const reviewQueueFilterSchema = z.preprocess(
  dropEmpty,
  z.object({
    status: z.enum(["any", "unreviewed", "accepted", "rejected", "disputed"]).catch("any").default("any"),
    verdict: z.enum(["any", "passed", "failed"]).catch("any").default("any"),
    rule: z.string().max(40).optional().catch(undefined),
    operation: z.enum(OPERATIONS).optional().catch(undefined),
    round: z.coerce.number().int().min(0).max(50).optional().catch(undefined),
    run: z.uuid().optional().catch(undefined),
    reviewer: z.string().max(100).optional().catch(undefined),
    disagreement: z.enum(["1"]).optional().catch(undefined),
    skill: z.string().max(100).optional().catch(undefined),
    q: z.string().trim().max(200).optional().catch(undefined),
    seeds: z.enum(["1"]).optional().catch(undefined),
    /** Only nodes that still need the signed-in reviewer's decision (overlap included). */
    mine: z.enum(["1"]).optional().catch(undefined),
    sort: z.enum(["newest", "oldest"]).catch("newest").default("newest"),
  }),
);

export type ReviewQueueFilter = z.output<typeof reviewQueueFilterSchema>;

/** The review queue's "load more" request: its filters, and the id of the last node already shown. */
export const reviewQueuePageQuerySchema = z.intersection(
  reviewQueueFilterSchema,
  z.object({ after: z.uuid("Not a node id.") }),
);

export const MAX_BULK_NODES = 50_000;

export const bulkScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("selection"), nodeIds: z.array(z.uuid()).min(1, "Select at least one node.").max(5_000) }),
  z.object({ kind: z.literal("filter"), filter: reviewQueueFilterSchema }),
  z.object({ kind: z.literal("subtree"), nodeId: z.uuid() }),
]);

export const bulkDecideSchema = z.object({
  projectId: z.uuid(),
  decision: z.enum(["accept", "reject"]),
  scope: bulkScopeSchema,
  /** The count the person confirmed; the action refuses if the scope has grown or shrunk since. */
  expectedCount: z.number().int().min(1),
});

export const bulkCountSchema = z.object({ projectId: z.uuid(), scope: bulkScopeSchema });
export const undoBulkSchema = z.object({ projectId: z.uuid(), bulkActionId: z.uuid() });

export const reviewSettingsSchema = z.object({
  projectId: z.uuid(),
  statusRule: z.enum(["admin_word", "majority"]),
  majorityK: z.coerce.number().int().min(1, "At least 1 reviewer.").max(10, "At most 10 reviewers."),
  /** Percent of nodes that also go to a second annotator (stored as a share 0..1). */
  overlapPercent: z.coerce.number().min(0, "At least 0 %.").max(100, "At most 100 %.").optional(),
});
