// The query string of GET /api/v1/projects/{projectId}/nodes: the review
// queue's filters (reviewQueueFilterSchema, the same fields and rules) and a
// page. The review page forgives a bad filter value (it reads as "any", so an
// old link still opens); a program should hear of its mistake instead of
// getting every node, so here each filter is strict: a bad value is a 400.
import { z } from "zod";
import { pageQuerySchema } from "@/lib/routes/api-pagination";
import { queryFlag } from "./query-flag";
import { reviewQueueFilterSchema, type ReviewQueueFilter } from "@/lib/validation/review";

/** The field as the review page reads it, without its `.catch` (a default stays a default). */
function strict(field: z.ZodType): z.ZodType {
  if (field instanceof z.ZodDefault)
    return strict(field.removeDefault() as z.ZodType).default(field._zod.def.defaultValue as never);
  if (field instanceof z.ZodCatch) return field.removeCatch() as z.ZodType;
  return field;
}

const filterShape = reviewQueueFilterSchema.out.shape;
const strictShape = Object.fromEntries(
  Object.entries(filterShape).map(([name, field]) => [name, strict(field as z.ZodType)]),
) as { [K in keyof typeof filterShape]: z.ZodType<ReviewQueueFilter[K]> };

/** An empty value (`?status=`) means "any", as on the review page. */
const dropEmpty = (value: unknown) =>
  value && typeof value === "object" ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== "")) : value;

export const nodeListQuerySchema = z.preprocess(dropEmpty, pageQuerySchema.extend(strictShape));

/** `GET /api/v1/nodes/{nodeId}?reveal_decisions=1`: an admin's "Show other reviewers' decisions" switch. */
export const nodeDetailQuerySchema = z.object({ reveal_decisions: queryFlag("reveal_decisions") });
