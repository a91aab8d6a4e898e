import {
  expectObject,
  inputText,
  isObject,
  outputText,
  passthrough,
  RecordError,
  requiredInstruction,
  type SchemaMapper,
} from "./fields";

const USED = new Set(["instruction", "instances"]);

// Seed tasks can list several instances; the first one is the canonical
// example and the rest would need a multi-example model we do not have.
export const selfInstructMapper: SchemaMapper = {
  schema: "self_instruct",
  mapping: { instruction: "instruction", input: "instances[0].input", output: "instances[0].output" },
  metadataSources: {},
  map(value) {
    const obj = expectObject(value);
    const instruction = requiredInstruction(obj.instruction, "instruction");
    const instances = obj.instances ?? [];
    if (!Array.isArray(instances)) {
      throw new RecordError(`field "instances" must be an array of {input, output} objects`);
    }
    const first: unknown = instances[0] ?? {};
    if (!isObject(first)) throw new RecordError(`"instances[0]" must be an object with input and output`);
    return {
      instruction,
      input: inputText(first.input, "instances[0].input"),
      output: outputText(first.output, "instances[0].output"),
      metadata: passthrough(obj, USED),
    };
  },
};
