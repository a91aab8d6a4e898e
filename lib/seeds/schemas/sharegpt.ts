import {
  expectObject,
  isObject,
  lower,
  outputText,
  passthrough,
  RecordError,
  requiredInstruction,
  type SchemaMapper,
} from "./fields";

const HUMAN = new Set(["human", "user"]);
const ASSISTANT = new Set(["gpt", "assistant", "chatgpt", "bing", "bard", "model"]);
const USED = new Set(["conversations"]);

export const shareGptMapper: SchemaMapper = {
  schema: "sharegpt",
  mapping: {
    instruction: "conversations[first human].value",
    input: null,
    output: "conversations[first gpt].value",
  },
  metadataSources: { system: "conversations[system].value → system" },
  map(value) {
    const obj = expectObject(value);
    const turns = obj.conversations;
    if (!Array.isArray(turns)) {
      throw new RecordError(`field "conversations" must be an array of {from, value} turns`);
    }
    const humanAt = turns.findIndex((t) => isObject(t) && HUMAN.has(lower(t.from)));
    if (humanAt < 0) {
      throw new RecordError(`no human turn in "conversations" (expected a turn with from "human" or "user")`);
    }
    const human: unknown = turns[humanAt];
    const instruction = requiredInstruction(
      isObject(human) ? human.value : undefined,
      `conversations[${humanAt}].value`,
    );

    let output: string | null = null;
    const replyAt = turns.findIndex((t, i) => i > humanAt && isObject(t) && ASSISTANT.has(lower(t.from)));
    const reply: unknown = turns[replyAt];
    if (replyAt >= 0 && isObject(reply)) output = outputText(reply.value, `conversations[${replyAt}].value`);

    const metadata = passthrough(obj, USED);
    const lead: unknown = turns[0];
    // Only a leading system turn is a system prompt; a later one is dialogue.
    if (isObject(lead) && lower(lead.from) === "system" && typeof lead.value === "string" && lead.value.trim() !== "") {
      metadata.system = lead.value.trim();
    }
    return { instruction, input: "", output, metadata };
  },
};
