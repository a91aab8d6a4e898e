// The labels are part of the wire format: identify-prompt.ts splits on them,
// and the copied_prompt rule looks for them in replies. They are not part of a
// method: every method frames its prompts with these same labels.
export const LABELS = {
  given: "#Given Prompt#:",
  givenInput: "#Given Input#:",
  rewritten: "#Rewritten Prompt#:",
  created: "#Created Prompt#:",
  answerInput: "#Input#:",
  first: "#First Prompt#:",
  second: "#Second Prompt#:",
  verdict: "#Verdict#:",
  instruction: "#Instruction#:",
  difficulty: "#Difficulty#:",
  // The optimizer's prompt (refine-prompt.ts).
  operation: "#Operation#:",
  currentMethod: "#Current Method#:",
  failures: "#Failures#:",
} as const;
