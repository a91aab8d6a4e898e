// Varied, realistic-looking instructions and answers for the scale seeder:
// templates over topics per skill, answers of 40–200 words with some
// Markdown, code blocks and a little unicode. Pure: all chance comes from rng.
import type { Operation } from "@/lib/evolution/operations";
import type { Rng } from "./scale-random";
import {
  AUDIENCES,
  CITIES,
  CONDITIONS,
  ORDINALS,
  PREFIXES,
  SUFFIXES,
  WEEKDAYS,
  GENERIC_PHRASES,
  GENERIC_TEMPLATES,
  HUMAN_LANGUAGES,
  LANGUAGES,
  SENTENCES,
  SKILL_TEMPLATES,
  SKILL_TOPICS,
  SPECIFICS,
  STAKEHOLDERS,
  STYLES,
  UNICODE_SENTENCES,
  YEARS,
} from "./scale-vocabulary";
import { codeSnippet, dataBlock, debugInput } from "./scale-snippets";

export interface TextNode {
  skill: string;
  topic: string;
  instruction: string;
  input: string;
}

const CODE_SKILLS = new Set(["Code Generation", "Code Debug", "Computer Science"]);

function fill(template: string, rng: Rng, topic: string, skill: string): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case "topic":
        return topic;
      case "other":
        return rng.pick(SKILL_TOPICS[skill].filter((t) => t !== topic));
      case "audience":
        return rng.pick(AUDIENCES);
      case "style":
        return rng.pick(STYLES);
      case "year":
        return String(rng.pick(YEARS));
      case "lang":
        return rng.pick(LANGUAGES);
      case "human":
        return rng.pick(HUMAN_LANGUAGES)[0];
      case "stakeholder":
        return rng.pick(STAKEHOLDERS);
      case "condition":
        return rng.pick(CONDITIONS);
      case "specific":
        return rng.pick(SPECIFICS);
      case "city":
        return rng.pick(CITIES);
      case "weekday":
        return rng.pick(WEEKDAYS);
      case "ordinal":
        return rng.pick(ORDINALS);
      case "age":
        return String(rng.int(9, 80));
      case "n2":
        return String(rng.int(2, 7));
      case "target":
        return rng.pick([
          "English",
          "plain English",
          "formal English",
          "English a child would understand",
          "British English",
        ]);
      case "n":
        return String(rng.int(3, 12));
      case "k":
        return String(rng.int(2, 5));
      case "a":
        return String(rng.int(2, 19));
      case "b":
        return String(rng.int(2, 9));
      case "c":
        return String(rng.int(10, 99));
      default:
        return key;
    }
  });
}

/** A fresh instruction (and sometimes an input) for a skill; used for seeds and in-breadth evolutions. */
export function newTask(rng: Rng, skill: string, avoidTopic?: string): TextNode {
  const topics = SKILL_TOPICS[skill].filter((t) => t !== avoidTopic);
  const own = SKILL_TEMPLATES[skill];
  const template = own && rng.chance(0.6) ? rng.pick(own) : rng.pick(GENERIC_TEMPLATES);
  // Answers talk about the topic, so a template that names none gets a neutral one.
  const topic = template.includes("{topic}") ? rng.pick(topics) : skill === "Math" ? "this problem" : "this question";
  let instruction = fill(template, rng, topic, skill);
  let input = "";
  if (instruction.endsWith(": ")) {
    // A translation task: the sentence to translate is the input.
    const [language, sentence] = rng.pick(HUMAN_LANGUAGES);
    instruction = instruction.replace("the following sentence", `the following ${language} sentence`).trimEnd();
    input = sentence;
  }
  // Framing keeps 50K seeds (nearly) distinct; the few-variable skill templates always get some.
  const framing =
    own?.includes(template) || rng.chance(0.75) ? rng.pick(["prefix", "suffix", "suffix", "both"]) : "none";
  if (!input && (framing === "suffix" || framing === "both"))
    instruction = `${instruction} ${fill(rng.pick(SUFFIXES), rng, topic, skill)}`;
  if (framing === "prefix" || framing === "both" || (input && framing !== "none"))
    instruction = `${fill(rng.pick(PREFIXES), rng, topic, skill)} ${instruction}`;
  if (skill === "Code Debug") {
    input = debugInput(rng);
  } else if (!input && (skill === "Complex Format" || rng.chance(0.22))) {
    input = rng.chance(0.5)
      ? `Context: ${fill(rng.pick(SENTENCES), rng, topic, skill)} ${fill(rng.pick(SENTENCES), rng, topic, skill)}`
      : dataBlock(rng);
  }
  return { skill, topic, instruction, input };
}

const CONSTRAINTS = [
  "Limit the answer to {n}0 words.",
  "Include at least {k} concrete examples.",
  "Cite one source published after {year}.",
  "Do not use bullet points.",
  "End with a one-sentence summary.",
  "Mention at least one counter-argument.",
  "Use metric units throughout.",
  "Keep every sentence under {k}5 words.",
  "Address the answer to {stakeholder}.",
];
const DEEPENERS = [
  "Also discuss the long-term implications for {stakeholder}.",
  "Also explain the underlying causes, not just the symptoms.",
  "Also compare two competing explanations and say which one is more convincing.",
  "Also consider how the answer changes under {condition}.",
  "Also explain what experts still disagree about, and why.",
];
const REASONING = [
  "Explain your reasoning step by step before giving the final answer.",
  "Break the problem into sub-steps and justify each one.",
  "First list your assumptions, then reason through each step, then check the result.",
  "Show the intermediate steps and explain why each one follows from the last.",
];

/** The rewrite an operation would produce from a parent (the evolve call of a step), kept answerable. */
export function evolveText(rng: Rng, operation: Operation, parent: TextNode): TextNode {
  const append = (list: readonly string[]) =>
    `${parent.instruction} ${fill(rng.pick(list), rng, parent.topic, parent.skill)}`;
  switch (operation) {
    case "add_constraints":
      return { ...parent, instruction: append(CONSTRAINTS) };
    case "deepen":
      return { ...parent, instruction: append(DEEPENERS) };
    case "increase_reasoning":
      return { ...parent, instruction: append(REASONING) };
    case "complicate_input":
      return { ...parent, instruction: `${parent.instruction}\n\nUse this data:\n\n${dataBlock(rng)}` };
    case "concretize": {
      const generic = GENERIC_PHRASES.find(([pattern]) => pattern.test(parent.instruction));
      const instruction = generic
        ? parent.instruction.replace(generic[0], generic[1])
        : `${parent.instruction} Focus on the case of ${rng.pick(SPECIFICS)}.`;
      return { ...parent, instruction };
    }
    case "breadth":
      return { ...newTask(rng, parent.skill, parent.topic), input: "" };
  }
}

/** A rewrite the judge would call Equal: the parent with cosmetic changes at most. */
export function sameText(rng: Rng, parent: TextNode): TextNode {
  const first = parent.instruction.charAt(0);
  const instruction = rng.weighted([
    [parent.instruction, 0.2],
    [`Please ${first.toLowerCase()}${parent.instruction.slice(1)}`, 0.3],
    [`${parent.instruction} Be clear.`, 0.25],
    [`${parent.instruction} Make sure the answer is correct.`, 0.25],
  ]);
  return { ...parent, instruction };
}

/** An answer of about 40–200 words, with Markdown, code or unicode now and then. */
export function answerText(rng: Rng, node: TextNode): string {
  const target = 40 + Math.floor(rng.next() ** 1.4 * 145);
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let words = 0;
  const count = (text: string) => text.match(/\S+/g)?.length ?? 0;
  const flush = () => {
    if (paragraph.length) blocks.push(paragraph.join(" "));
    paragraph = [];
  };
  const say = (sentence: string) => {
    paragraph.push(sentence);
    words += count(sentence);
  };
  const block = (text: string) => {
    flush();
    blocks.push(text);
    words += count(text);
  };
  const sentence = () => fill(rng.pick(SENTENCES), rng, node.topic, node.skill);
  if (rng.chance(0.12)) blocks.push(`**${node.topic.charAt(0).toUpperCase()}${node.topic.slice(1)}**`);
  if (node.input)
    say(
      rng.pick([
        "Using the provided input, here is the answer.",
        "Based on the data given, the answer follows.",
        "Working from the input above:",
      ]),
    );
  say(sentence());
  if (CODE_SKILLS.has(node.skill) ? rng.chance(0.7) : rng.chance(0.03)) block(codeSnippet(rng));
  if (rng.chance(0.25)) {
    say(sentence());
    const first = rng.int(0, SENTENCES.length - 1);
    block(
      [0, 7, 13]
        .map(
          (offset, i) =>
            `${i + 1}. ${fill(SENTENCES[(first + offset) % SENTENCES.length], rng, node.topic, node.skill)}`,
        )
        .join("\n"),
    );
  }
  while (words < target) {
    say(sentence());
    if (paragraph.length >= 3 && rng.chance(0.3)) flush();
  }
  if (rng.chance(0.06)) say(rng.pick(UNICODE_SENTENCES));
  flush();
  return blocks.join("\n\n");
}
