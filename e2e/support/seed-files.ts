import { readFileSync } from "node:fs";
import path from "node:path";

// Seed files kept in the repo (data/seeds/README.md says where each comes from).
const SEEDS_DIR = path.resolve(import.meta.dirname, "../../data/seeds");
/** The 175 Self-Instruct seed tasks. */
export const SEED_TASKS = path.join(SEEDS_DIR, "seed_tasks.jsonl");
/** Our own file in the WizardLM test-set layout: 25 rows, one a whitespace-only duplicate. */
export const WIZARDLM_LAYOUT = path.join(SEEDS_DIR, "wizardlm-layout.jsonl");

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
