import type { ExportRecord } from "./types";

/**
 * Chat formats have no input field, so the user turn is the instruction, or
 * instruction + "\n\n" + input when there is an input — the same joining the
 * Alpaca prompt templates apply at training time. Imported back, such a file
 * yields the joined text as the instruction and an empty input.
 */
export function userTurn(r: ExportRecord): string {
  return r.input === "" ? r.instruction : `${r.instruction}\n\n${r.input}`;
}

/**
 * Whether a record has an answer. Every format leaves out records without one
 * (decision 0021): an empty assistant turn would train a model to say nothing
 * (and the OpenAI API rejects it), and the table formats follow the same rule
 * so that every format of one selection holds the same records.
 */
export function hasAnswer(r: ExportRecord): r is ExportRecord & { output: string } {
  return r.output !== null && r.output.trim() !== "";
}
