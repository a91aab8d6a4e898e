import { describe, expect, it } from "vitest";
import { parseSeedFile } from "./parse-seed-file";

const parse = (text: string, fileName?: string) => parseSeedFile(new TextEncoder().encode(text), { fileName });
const jsonl = (...records: unknown[]): string => records.map((r) => JSON.stringify(r)).join("\n") + "\n";

describe("ShareGPT", () => {
  it("takes the first human turn and the first assistant turn after it", () => {
    const r = parse(
      jsonl(
        {
          id: "conv-1",
          conversations: [
            { from: "system", value: "You are terse." },
            { from: "human", value: "Name a prime." },
            { from: "gpt", value: "7" },
            { from: "human", value: "Another?" },
            { from: "gpt", value: "11" },
          ],
        },
        {
          conversations: [
            { from: "user", value: "Hi" },
            { from: "assistant", value: "Hello" },
          ],
        },
        { id: "conv-3", conversations: [{ from: "gpt", value: "unprompted" }] },
      ),
    );
    expect(r.schema).toBe("sharegpt");
    expect(r.mapping).toEqual({
      instruction: "conversations[first human].value",
      input: null,
      output: "conversations[first gpt].value",
      metadata: ["id", "conversations[system].value → system"],
    });
    expect(r.seeds[0]).toMatchObject({
      instruction: "Name a prime.",
      input: "",
      output: "7",
      metadata: { id: "conv-1", system: "You are terse." },
    });
    expect(r.seeds[1]).toMatchObject({ instruction: "Hi", output: "Hello", metadata: {} });
    expect(r.errors).toEqual([
      { line: 3, message: 'Line 3: no human turn in "conversations" (expected a turn with from "human" or "user")' },
    ]);
  });

  it("leaves output null when nobody answered", () => {
    const r = parse(jsonl({ conversations: [{ from: "human", value: "Hello?" }] }));
    expect(r.seeds[0]?.output).toBeNull();
  });
});

describe("OpenAI chat", () => {
  it("maps user/assistant content, joins text parts and keeps the system prompt", () => {
    const r = parse(
      jsonl(
        {
          messages: [
            { role: "system", content: [{ type: "text", text: "Be kind." }] },
            {
              role: "user",
              content: [
                { type: "text", text: "Describe this:" },
                { type: "image_url", image_url: { url: "https://example.com/x.png" } },
                { type: "text", text: "a red square" },
              ],
            },
            { role: "assistant", content: null, tool_calls: [] },
            { role: "assistant", content: "It is red." },
          ],
          split: "train",
        },
        { messages: [{ role: "assistant", content: "no user here" }] },
      ),
    );
    expect(r.schema).toBe("openai_chat");
    expect(r.mapping).toEqual({
      instruction: "messages[first user].content",
      input: null,
      output: "messages[first assistant].content",
      metadata: ["split", "messages[system].content → system"],
    });
    expect(r.seeds[0]).toMatchObject({
      instruction: "Describe this:\na red square",
      input: "",
      output: "It is red.",
      metadata: { system: "Be kind.", split: "train" },
    });
    expect(r.errors).toEqual([
      { line: 2, message: 'Line 2: no user message in "messages" (expected a message with role "user")' },
    ]);
  });
});
