import type { IdentifiedPrompt } from "@/lib/evolution/identify-prompt";
import { createRandom } from "@/lib/evolution/random";
import { breadthReply, inDepthReply } from "./evolve-replies";
import { optimizeReply } from "./optimize-replies";

const CLOSINGS = [
  "Finally, a brief summary restates the key points, names the most important limitation, and suggests one practical next step a reader could take right away.",
  "To close, the answer recaps the main argument, points out where the evidence is weakest, and proposes a simple way to check the conclusion in practice.",
  "In the end, the key ideas are gathered into a short checklist, with a note on which assumptions matter most and how a reader could test them.",
];

function topicOf(instruction: string): string {
  const firstSentence = instruction.trim().split(/(?<=[.!?])\s|\n/)[0] ?? "";
  const words = firstSentence.split(/\s+/).filter((w) => w !== "");
  const topic = words
    .slice(0, 14)
    .join(" ")
    .replace(/[.!?:;,]+$/, "");
  return topic === "" ? "the request" : `the request "${topic}${words.length > 14 ? " …" : ""}"`;
}

// Always well over 80 words and free of "sorry", so a fault-free answer
// passes every eliminator rule.
function answerReply(instruction: string, input: string): string {
  const uses = input
    ? ` It works directly with the provided input (${input.length} characters) rather than general knowledge alone.`
    : "";
  return [
    `Here is a careful response to ${topicOf(instruction)}.${uses}`,
    "First, it helps to state the goal clearly and to separate what is already known from what still has to be worked out.",
    "Second, the main factors are examined one at a time, each with a short example, so that every step of the argument can be checked on its own.",
    "Third, the partial results are combined into a single conclusion, and any assumption needed along the way is named explicitly.",
    CLOSINGS[Math.floor(createRandom(instruction)() * CLOSINGS.length)],
  ].join(" ");
}

const normalized = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/** The fault-free reply to a prompt: a pure function of the prompt text. */
export function replyTo(prompt: IdentifiedPrompt): string {
  switch (prompt.kind) {
    case "evolve":
      return prompt.operation === "breadth"
        ? breadthReply(prompt.instruction)
        : inDepthReply(prompt.operation, prompt.instruction);
    case "answer":
      return answerReply(prompt.instruction, prompt.input);
    case "judge":
      return normalized(prompt.before) === normalized(prompt.after) ? "Equal" : "Not Equal";
    case "difficulty":
      return String(1 + Math.floor(createRandom(`difficulty:${prompt.instruction}`)() * 10));
    case "optimize":
      return optimizeReply(prompt.operations);
  }
}
