import { z } from "zod";

/** A form field holding JSON, parsed and then checked against `schema`. */
export function jsonField<S extends z.ZodType>(schema: S, message: string) {
  return z
    .string({ error: message })
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: "custom", message });
        return z.NEVER;
      }
    })
    .pipe(schema);
}
