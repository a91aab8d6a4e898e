import { z } from "zod";

/** A yes/no search parameter of the REST API: `1` (or `true`) is yes, `0` (or `false`) and leaving it out no. */
export const queryFlag = (name: string) =>
  z
    .enum(["0", "1", "true", "false"], `${name} must be 1 or 0.`)
    .transform((v) => v === "1" || v === "true")
    .default(false);
