import { expectObject, inputText, outputText, passthrough, requiredInstruction, type SchemaMapper } from "./fields";

export interface FlatFields {
  instruction: string;
  input: string | null;
  output: string | null;
}

const INSTRUCTION_ALIASES = ["instruction", "prompt", "question", "query"];
const INPUT_ALIASES = ["input", "context"];
const OUTPUT_ALIASES = ["output", "response", "answer", "completion"];

// Aliases are tried in priority order so "instruction" beats "question" when
// a record happens to have both.
function findKey(keys: readonly string[], aliases: readonly string[]): string | null {
  for (const alias of aliases) {
    const hit = keys.find((k) => k.toLowerCase() === alias);
    if (hit !== undefined) return hit;
  }
  return null;
}

export function resolveFlatFields(keys: readonly string[]): FlatFields | null {
  const instruction = findKey(keys, INSTRUCTION_ALIASES);
  if (instruction === null) return null;
  return { instruction, input: findKey(keys, INPUT_ALIASES), output: findKey(keys, OUTPUT_ALIASES) };
}

function isAlpacaShape(f: FlatFields): boolean {
  return f.instruction === "instruction" && (f.input ?? "input") === "input" && (f.output ?? "output") === "output";
}

// Alpaca and the alias-based fallback differ only in which keys they read.
export function flatFieldsMapper(fields: FlatFields): SchemaMapper {
  const alpaca = isAlpacaShape(fields);
  const inputKey = alpaca ? "input" : fields.input;
  const outputKey = alpaca ? "output" : fields.output;
  const used = new Set([fields.instruction, inputKey ?? "", outputKey ?? ""]);
  return {
    schema: alpaca ? "alpaca" : "generic",
    mapping: { instruction: fields.instruction, input: inputKey, output: outputKey },
    metadataSources: {},
    map(value) {
      const obj = expectObject(value);
      return {
        instruction: requiredInstruction(obj[fields.instruction], fields.instruction),
        input: inputKey === null ? "" : inputText(obj[inputKey], inputKey),
        output: outputKey === null ? null : outputText(obj[outputKey], outputKey),
        metadata: passthrough(obj, used),
      };
    },
  };
}
