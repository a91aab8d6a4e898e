"use client";

import { useState } from "react";
import type { MethodTexts } from "@/lib/evolution/method-texts";
import { OPERATIONS, OPERATION_LABELS, type Operation } from "@/lib/evolution/operations";
import {
  buildAnswerPrompt,
  buildDifficultyPrompt,
  buildEvolvePrompt,
  buildJudgePrompt,
} from "@/lib/evolution/templates";

/** The exact prompts the LLM would get for the sample, with the texts as they stand in the form. */
export function MethodPreview({
  texts,
  instruction,
  input,
}: {
  texts: MethodTexts;
  instruction: string;
  input: string;
}) {
  const [operation, setOperation] = useState<Operation>("add_constraints");
  // The answer, judge and difficulty prompts are shown for the sample itself standing in for the rewrite.
  const prompts = [
    ["Evolve", buildEvolvePrompt(operation, instruction, input, texts)],
    ["Answer", buildAnswerPrompt(instruction, operation === "breadth" ? "" : input)],
    ["Judge", buildJudgePrompt(instruction, instruction, texts)],
    ["Difficulty", buildDifficultyPrompt(instruction, texts)],
  ] as const;
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-sm">
        <span className="font-medium">Operation</span>
        <select
          value={operation}
          onChange={(e) => setOperation(e.currentTarget.value as Operation)}
          className="rounded border border-zinc-300 px-2 py-1 text-sm"
          data-testid="preview-operation"
        >
          {OPERATIONS.map((op) => (
            <option key={op} value={op}>
              {OPERATION_LABELS[op]}
            </option>
          ))}
        </select>
      </label>
      {prompts.map(([title, prompt]) => (
        <div key={title}>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{title} prompt</h3>
          <pre
            className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap rounded bg-zinc-50 p-2 text-xs text-zinc-800"
            data-testid={`preview-${title.toLowerCase()}`}
          >
            {prompt}
          </pre>
        </div>
      ))}
    </div>
  );
}
