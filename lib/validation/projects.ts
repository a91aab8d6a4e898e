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

/** A project's default spending cap for new runs (null: none of that kind). */
export const projectBudgetSchema = z.object({
  projectId: z.uuid("Unknown project."),
  maxTokens: tokenCapSchema.nullable(),
  maxCostUsd: costCapSchema.nullable(),
});
