import { describeType, expectObject, passthrough, RecordError, requiredInstruction, type SchemaMapper } from "./fields";

const USED = new Set(["Instruction", "Skill", "Difficulty", "idx"]);
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

// CSV exports carry numbers as strings; accept both so the metadata is uniform.
function asNumber(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && NUMERIC.test(v.trim())) return Number(v.trim());
  return undefined;
}

export const wizardLmMapper: SchemaMapper = {
  schema: "wizardlm_testset",
  mapping: { instruction: "Instruction", input: null, output: null },
  metadataSources: { skill: "Skill → skill", difficulty: "Difficulty → difficulty" },
  map(value) {
    const obj = expectObject(value);
    const instruction = requiredInstruction(obj.Instruction, "Instruction");
    const metadata = passthrough(obj, USED);
    if (typeof obj.Skill === "string" && obj.Skill.trim() !== "") metadata.skill = obj.Skill.trim();
    const rawDifficulty = obj.Difficulty;
    if (rawDifficulty !== undefined && rawDifficulty !== null && rawDifficulty !== "") {
      const difficulty = asNumber(rawDifficulty);
      if (difficulty === undefined) {
        throw new RecordError(
          `field "Difficulty" must be a number, got ${describeType(rawDifficulty)} ${JSON.stringify(rawDifficulty)}`,
        );
      }
      metadata.difficulty = difficulty;
    }
    const idx = asNumber(obj.idx) ?? obj.idx;
    if (typeof idx === "number" || (typeof idx === "string" && idx !== "")) metadata.idx = idx;
    return { instruction, input: "", output: null, metadata };
  },
};
