import { requiredInstruction, type SchemaMapper } from "./fields";

export const plainTextMapper: SchemaMapper = {
  schema: "plain_text",
  mapping: { instruction: "line", input: null, output: null },
  metadataSources: {},
  map(value) {
    return { instruction: requiredInstruction(value, "line"), input: "", output: null, metadata: {} };
  },
};
