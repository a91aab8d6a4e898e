import {
  describeType,
  expectObject,
  isObject,
  lower,
  passthrough,
  RecordError,
  requiredInstruction,
  type SchemaMapper,
} from "./fields";

const USED = new Set(["messages"]);
const SYSTEM_ROLES = new Set(["system", "developer"]);

// content is a string or, in the multi-part form, [{type:"text", text}, ...];
// non-text parts (images, audio) have no place in a text seed and are dropped.
function contentText(content: unknown, field: string): string | null {
  if (content === undefined || content === null) return null;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) {
    throw new RecordError(`field "${field}" must be a string or an array of text parts, got ${describeType(content)}`);
  }
  const texts: string[] = [];
  for (const part of content) {
    if (isObject(part) && part.type === "text" && typeof part.text === "string") texts.push(part.text);
  }
  return texts.length > 0 ? texts.join("\n") : null;
}

function messageText(messages: unknown[], at: number): string | null {
  const m: unknown = messages[at];
  return isObject(m) ? contentText(m.content, `messages[${at}].content`) : null;
}

export const openAiChatMapper: SchemaMapper = {
  schema: "openai_chat",
  mapping: {
    instruction: "messages[first user].content",
    input: null,
    output: "messages[first assistant].content",
  },
  metadataSources: { system: "messages[system].content → system" },
  map(value) {
    const obj = expectObject(value);
    const messages = obj.messages;
    if (!Array.isArray(messages))
      throw new RecordError(`field "messages" must be an array of {role, content} messages`);
    const roleAt = (i: number): string => {
      const m: unknown = messages[i];
      return isObject(m) ? lower(m.role) : "";
    };

    const userAt = messages.findIndex((_, i) => roleAt(i) === "user");
    if (userAt < 0) throw new RecordError(`no user message in "messages" (expected a message with role "user")`);
    const instruction = requiredInstruction(messageText(messages, userAt), `messages[${userAt}].content`);

    let output: string | null = null;
    for (let i = userAt + 1; i < messages.length && output === null; i++) {
      // An assistant turn with only tool calls has no text; keep looking.
      if (roleAt(i) === "assistant") output = messageText(messages, i)?.trim() || null;
    }

    const metadata = passthrough(obj, USED);
    const systemAt = messages.findIndex((_, i) => SYSTEM_ROLES.has(roleAt(i)));
    const system = systemAt >= 0 ? messageText(messages, systemAt)?.trim() : undefined;
    if (system) metadata.system = system;
    return { instruction, input: "", output, metadata };
  },
};
