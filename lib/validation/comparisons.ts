import { z } from "zod";
import { methodNameSchema } from "./methods";
import { operationWeightsSchema, startRunSchema } from "./runs";

/** What one side of a comparison changes: its method, version and operation weights. */
export const comparisonSideSchema = z.object({
  method: methodNameSchema.optional(),
  methodVersion: z.number().int().positive().optional(),
  weights: operationWeightsSchema,
});

/**
 * Two runs from one seed sample: everything but the method, version and
 * weights is shared (the form and `npm run evolve -- --compare-*` send this).
 */
export const startComparisonSchema = startRunSchema.omit({ method: true, methodVersion: true, weights: true }).extend({
  a: comparisonSideSchema,
  b: comparisonSideSchema,
});

export type StartComparisonOptions = z.output<typeof startComparisonSchema>;
export type ComparisonSide = z.output<typeof comparisonSideSchema>;
