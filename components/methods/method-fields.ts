import type { MethodTexts } from "@/lib/evolution/method-texts";
import { METHOD_TEXT_FIELDS } from "@/lib/evolution/method-texts";
import { OPERATION_LABELS, type Operation } from "@/lib/evolution/operations";

export type MethodField = (typeof METHOD_TEXT_FIELDS)[number];

const LABELS: Record<string, string> = {
  depthIntro: "In-depth: introduction",
  keepRule: "In-depth: keep rule",
  depthInputNote: "In-depth: note when there is an input",
  wordLimitRule: "In-depth: word-limit rule",
  depthLabelRule: "In-depth: reply rule",
  breadthIntro: "In-breadth: introduction",
  breadthShape: "In-breadth: length and difficulty",
  breadthInputNote: "In-breadth: note when there is an input",
  breadthLabelRule: "In-breadth: reply rule",
  judge: "Judge: when two prompts are equal, and how to reply",
  difficulty: "Difficulty: the scale, and how to reply",
};

export function fieldLabel(field: MethodField): string {
  const [head, op] = field.split(".");
  return op ? `How to make it harder — ${OPERATION_LABELS[op as Operation]}` : LABELS[head];
}

export function fieldValue(texts: MethodTexts, field: MethodField): string {
  const [head, op] = field.split(".");
  return op
    ? texts.operationMethods[op as keyof MethodTexts["operationMethods"]]
    : (texts[head as keyof MethodTexts] as string);
}

export function withField(texts: MethodTexts, field: MethodField, value: string): MethodTexts {
  const [head, op] = field.split(".");
  return op ? { ...texts, operationMethods: { ...texts.operationMethods, [op]: value } } : { ...texts, [head]: value };
}
