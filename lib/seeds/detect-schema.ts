import { SeedFileError } from "./seed-file-error";
import type { JsonObject, SchemaMapper } from "./schemas/fields";
import { flatFieldsMapper, resolveFlatFields } from "./schemas/flat-fields";
import { openAiChatMapper } from "./schemas/openai-chat";
import { selfInstructMapper } from "./schemas/self-instruct";
import { shareGptMapper } from "./schemas/sharegpt";
import { wizardLmMapper } from "./schemas/wizardlm";

const SUPPORTED =
  "Alpaca (instruction, input, output), Self-Instruct (instruction, instances), " +
  "WizardLM test set (Instruction, Skill, Difficulty), ShareGPT (conversations), " +
  "OpenAI chat (messages), or any records with a prompt/question/query field";

function unionOfKeys(sample: readonly JsonObject[]): string[] {
  const keys = new Set<string>();
  for (const obj of sample) for (const k of Object.keys(obj)) keys.add(k);
  return [...keys];
}

// Decided once from a sample of leading records (a union of their keys, so a
// first record that lacks an optional field does not skew the choice); every
// record is then held to that schema and misfits become line errors.
export function detectSchema(sample: readonly JsonObject[]): SchemaMapper {
  const keys = unionOfKeys(sample);
  const has = (k: string): boolean => keys.includes(k);
  const hasArray = (k: string): boolean => sample.some((o) => Array.isArray(o[k]));

  if (hasArray("messages")) return openAiChatMapper;
  if (hasArray("conversations")) return shareGptMapper;
  if (has("instruction") && hasArray("instances")) return selfInstructMapper;
  if (has("Instruction") && (has("Skill") || has("Difficulty"))) return wizardLmMapper;
  const flat = resolveFlatFields(keys);
  if (flat) return flatFieldsMapper(flat);

  const found =
    keys.length > 0
      ? keys
          .slice(0, 30)
          .map((k) => `"${k}"`)
          .join(", ")
      : "none";
  throw new SeedFileError(
    `Unrecognised seed format: no instruction-like field found. Fields found: ${found}. Supported schemas: ${SUPPORTED}.`,
  );
}
