import { readFileSync } from "node:fs";
import path from "node:path";

// Real seed files from the shared data folder beside the repo; read in place,
// never copied (the WizardLM test set is CC BY-NC).
export const SEED_TASKS = path.resolve("../shared/data/seed_tasks.jsonl");
export const WIZARDLM_TESTSET = path.resolve("../shared/data/WizardLM_testset.jsonl");

const normalize = (s: string) => s.trim().replace(/\s+/gu, " ");

export interface SeedText {
  instruction: string;
  input: string;
  metadata: Record<string, unknown>;
}

/** The records of a JSONL seed file, read independently of the app's parser. */
export function readSeedTexts(file: string): SeedText[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .map((r) => {
      const instances = r.instances as { input?: string }[] | undefined;
      return {
        instruction: String(r.instruction ?? r.Instruction),
        input: instances?.[0]?.input ?? "",
        metadata: { skill: r.Skill, difficulty: r.Difficulty },
      };
    });
}

/** Distinct records by whitespace-normalised instruction and input. */
export function distinctSeeds(records: SeedText[]): SeedText[] {
  const seen = new Map<string, SeedText>();
  for (const r of records) {
    const key = `${normalize(r.instruction)}\u0000${normalize(r.input)}`;
    if (!seen.has(key)) seen.set(key, r);
  }
  return [...seen.values()];
}
