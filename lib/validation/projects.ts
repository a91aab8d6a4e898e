import { z } from "zod";
import { costCapSchema, tokenCapSchema } from "./runs";

const projectNameSchema = z
  .string()
  .trim()
  .min(1, "A project needs a name.")
  .max(120, "Keep the name under 120 characters.");

export const createProjectSchema = z.object({
  name: projectNameSchema,
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters.").optional().default(""),
});

export const renameProjectSchema = z.object({
  projectId: z.uuid("Unknown project."),
  name: projectNameSchema,
});

export const projectMemberSchema = z.object({
  projectId: z.uuid("Unknown project."),
  userId: z.string().trim().min(1, "Choose an annotator."),
});

/** What a project lets annotators do on their own (Project settings → Review limits). */
export const reviewLimitsSchema = z.object({
  projectId: z.uuid("Unknown project."),
  annotatorRedo: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
  annotatorRedoDailyQuota: z.coerce
    .number()
    .int("A whole number of new siblings.")
    .min(0, "At least 0.")
    .max(10_000, "At most 10,000 a day."),
  annotatorBulkLimit: z.coerce
    .number()
    .int("A whole number of nodes.")
    .min(1, "At least 1 node.")
    .max(50_000, "At most 50,000 nodes (what one bulk action may change)."),
});

/** A project's default spending cap for new runs (null: none of that kind). */
export const projectBudgetSchema = z.object({
  projectId: z.uuid("Unknown project."),
  maxTokens: tokenCapSchema.nullable(),
  maxCostUsd: costCapSchema.nullable(),
});
