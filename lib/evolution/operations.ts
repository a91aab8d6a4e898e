// The six Evol-Instruct operations (WizardLM, arXiv 2304.12244). The string
// values are stored in the database and in job keys, so never rename them.
export const OPERATIONS = [
  "add_constraints",
  "deepen",
  "concretize",
  "increase_reasoning",
  "complicate_input",
  "breadth",
] as const;

export type Operation = (typeof OPERATIONS)[number];

export const IN_DEPTH_OPERATIONS: readonly Operation[] = OPERATIONS.filter((op) => op !== "breadth");

export const OPERATION_LABELS: Record<Operation, string> = {
  add_constraints: "Add constraints",
  deepen: "Deepen",
  concretize: "Concretize",
  increase_reasoning: "Increase reasoning",
  complicate_input: "Complicate input",
  breadth: "In-breadth",
};

export const OPERATION_DESCRIPTIONS: Record<Operation, string> = {
  add_constraints: "Adds one more constraint or requirement to the instruction.",
  deepen: "Widens and deepens the inquiry the instruction asks for.",
  concretize: "Replaces general concepts in the instruction with specific ones.",
  increase_reasoning: "Asks explicitly for multi-step reasoning where a few simple steps would do.",
  complicate_input: "Adds structured input data (a table, JSON, XML, SQL, code or a formula) that the task must use.",
  breadth: "Creates a brand-new, rarer instruction in the same domain, of similar length and difficulty.",
};

export function isOperation(value: string): value is Operation {
  return (OPERATIONS as readonly string[]).includes(value);
}
