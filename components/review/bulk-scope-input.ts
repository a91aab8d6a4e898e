import type { z } from "zod";
import type { bulkScopeSchema } from "@/lib/validation/review";

export type BulkScopeInput = z.input<typeof bulkScopeSchema>;
